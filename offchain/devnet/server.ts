/**
 * The JetPack devnet: a local chain (Lucid's Emulator, see ./chain.ts) behind the subset
 * of the Blockfrost HTTP API that Lucid Evolution 0.4.34's `Blockfrost` provider calls,
 * listening on the loopback interface only.
 *
 * Why: tests and CLI runs in separate processes must exercise the real provider code path
 * (`new Blockfrost(url, projectId)`): HTTP, JSON parsing of protocol parameters and UTxOs,
 * CBOR submission, `awaitTx` polling. The Emulator alone skips all of that.
 *
 *   const devnet = await startDevnet({ wallets: 2 });
 *   const lucid = await Lucid(new Blockfrost(devnet.url, devnet.projectId), "Preprod");
 *   lucid.selectWallet.fromPrivateKey(devnet.wallets[0].privateKey!);
 *   …
 *   await devnet.close();
 *
 * Endpoints and time rules: docs/devnet.md.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CML,
  applyDoubleCborEncoding,
  type ProtocolParameters,
  type Script,
  type UTxO,
} from "@lucid-evolution/lucid";
import {
  addressUtxoJson,
  amountJson,
  blockJson,
  errorBody,
  nativeScriptJson,
  protocolParametersJson,
  scriptCborJson,
  scriptInfoJson,
  txUtxoJson,
  type Json,
} from "./blockfrost-json.js";
import { DevnetChain, type GenesisOutput } from "./chain.js";
import { DEVNET_EPOCH_LENGTH_SLOTS, slotToEpoch, slotToTime, type SlotConfig } from "./time.js";
import { TxRejected, redeemerPointer } from "./validate.js";
import { makeWallets, writeDevnetDir, type DevnetWallet, type WalletSpec } from "./wallets.js";

export interface StartDevnetOptions {
  /** TCP port; 0 or absent = an ephemeral port. */
  port?: number;
  /** Loopback only: "127.0.0.1" (default), "::1" or "localhost". Anything else throws. */
  host?: string;
  /** Number of funded wallets (private-key wallets, 100,000 ADA each) or one spec per wallet. Default 3. */
  wallets?: number | WalletSpec[];
  /** More genesis outputs, after the wallets' (e.g. a script UTxO with a datum). */
  genesis?: GenesisOutput[];
  /** If set, writes wallet secret files (0600) and devnet.json there (see ./wallets.ts). */
  dir?: string;
  /** A block (confirming pending transactions) every this many ms; 0 = a block right after each accepted submit. Default 1000. */
  blockIntervalMs?: number;
  /** "wall" (default): chain time = wall clock + advances. "manual": chain time moves only by advances. */
  clock?: "wall" | "manual";
  /** Chain time at start, POSIX ms. Default: now. */
  startTimeMs?: number;
  /** Blockfrost project id clients must send in the `project_id` header. Default: random. */
  projectId?: string;
  /** Default: Lucid's PROTOCOL_PARAMETERS_DEFAULT (what the Emulator uses). */
  protocolParameters?: ProtocolParameters;
  /** Called with one line per request (method, path, status); never with bodies or secrets. */
  log?: (line: string) => void;
}

export interface Devnet {
  /** Blockfrost base URL, e.g. http://127.0.0.1:41234/api/v0 — `new Blockfrost(url, projectId)`. */
  url: string;
  projectId: string;
  /** Lucid network to use: "Preprod" works as is; "Custom" needs `useDevnetSlotConfig()`. */
  network: "Preprod";
  wallets: DevnetWallet[];
  slotConfig: SlotConfig;
  /** Path of devnet.json when `dir` was given. */
  infoFile?: string;
  /** The ledger, for in-process inspection. */
  chain: DevnetChain;
  /** Moves chain time forward by `ms` and produces a block (same as POST /devnet/advance). */
  advance(ms: number): { slot: number; time: number };
  /** Confirms pending transactions now (same as POST /devnet/block). */
  produceBlock(): { height: number; slot: number; txs: string[] };
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const MAX_BODY = 4 * 1024 * 1024;
const API_PREFIX = "/api/v0";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const notFound = () => new HttpError(404, "The requested component has not been found.");

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new HttpError(413, `request body larger than ${MAX_BODY} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A CBOR body sent raw (as the provider does) or as hex text (as curl users do). */
function cborBytes(body: Buffer): Uint8Array {
  const text = body.toString("latin1").trim();
  if (text.length > 0 && text.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(text)) return Buffer.from(text, "hex");
  return body;
}

function parseJson(body: Buffer): any {
  try {
    return body.length ? JSON.parse(body.toString("utf8")) : {};
  } catch {
    throw new HttpError(400, "request body is not JSON");
  }
}

interface Paging {
  count: number;
  page: number;
  order: "asc" | "desc";
}

function paging(q: URLSearchParams): Paging {
  const count = Math.min(100, Math.max(1, parseInt(q.get("count") ?? "100", 10) || 100));
  const page = Math.max(1, parseInt(q.get("page") ?? "1", 10) || 1);
  const order = q.get("order") === "desc" ? "desc" : "asc";
  return { count, page, order };
}

function paginate<T>(items: T[], p: Paging): T[] {
  const list = p.order === "desc" ? [...items].reverse() : items;
  return list.slice((p.page - 1) * p.count, p.page * p.count);
}

/** `addresses/{q}`: a bech32 address, or a payment credential as `addr_vkh…` / `script…` bech32. */
function addressQuery(q: string): { address: string } | { paymentHash: string } {
  if (/^(addr_vkh|addr_shared_vkh|script)1/.test(q)) {
    try {
      return { paymentHash: CML.Ed25519KeyHash.from_bech32(q).to_hex() };
    } catch {
      throw new HttpError(400, "Invalid or malformed payment credential.");
    }
  }
  try {
    CML.Address.from_bech32(q);
  } catch {
    throw new HttpError(400, "Invalid address for this network or malformed address format.");
  }
  return { address: q };
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX56 = /^[0-9a-f]{56}$/;

/** Ogmios v5 `additionalUtxoSet` entry (as the provider's `toAditionalUTXOs` writes it) → Lucid UTxO. */
function fromOgmiosUtxo(entry: unknown): UTxO {
  const [ref, out] = entry as [
    { txId: string; index: number },
    {
      address: string;
      value: { coins: number | string; assets?: Record<string, number | string> };
      datumHash?: string;
      datum?: string;
      script?: Record<string, string>;
    },
  ];
  const assets: Record<string, bigint> = { lovelace: BigInt(out.value.coins) };
  for (const [k, v] of Object.entries(out.value.assets ?? {})) assets[k.replace(".", "")] = BigInt(v);
  let scriptRef: Script | undefined;
  if (out.script) {
    const [kind, code] = Object.entries(out.script)[0] ?? [];
    const type = kind === "plutus:v1" ? "PlutusV1" : kind === "plutus:v2" ? "PlutusV2" : kind === "plutus:v3" ? "PlutusV3" : undefined;
    if (type && code) scriptRef = { type, script: applyDoubleCborEncoding(code) };
  }
  return {
    txHash: ref.txId,
    outputIndex: Number(ref.index),
    address: out.address,
    assets,
    datumHash: out.datum ? undefined : out.datumHash,
    datum: out.datum,
    scriptRef,
  };
}

export async function startDevnet(opts: StartDevnetOptions = {}): Promise<Devnet> {
  const host = opts.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`startDevnet: host must be a loopback address (127.0.0.1, ::1, localhost), got ${host}`);
  const blockIntervalMs = opts.blockIntervalMs ?? 1000;
  if (!(blockIntervalMs >= 0)) throw new Error("startDevnet: blockIntervalMs must be ≥ 0");
  const projectId = opts.projectId ?? `devnet${randomBytes(12).toString("hex")}`;
  const made = makeWallets(opts.wallets ?? 3);
  const wallets = made.map((m) => m.wallet);
  const chain = new DevnetChain({
    genesis: [...made.map((m) => ({ address: m.wallet.address, assets: m.assets })), ...(opts.genesis ?? [])],
    protocolParameters: opts.protocolParameters,
    clock: opts.clock,
    startTimeMs: opts.startTimeMs,
  });
  const sc = chain.slotConfig;
  const log = opts.log ?? (() => {});

  const produceBlock = () => {
    const b = chain.produceBlock();
    return { height: b.height, slot: b.slot, txs: b.txHashes };
  };
  const advance = (ms: number) => {
    const b = chain.advance(ms);
    return { slot: b.slot, time: b.time };
  };

  const tipJson = () => {
    const slot = chain.currentSlot();
    return {
      network: "Preprod",
      networkId: chain.networkId,
      clock: chain.clockMode,
      slotConfig: sc,
      slot,
      time: chain.nowMs(),
      slotTime: slotToTime(slot, sc),
      tip: { height: chain.tip.height, hash: chain.tip.hash, slot: chain.tip.slot, time: chain.tip.time },
      pending: chain.pendingCount,
      blockIntervalMs,
      wallets: wallets.map((w) => ({ name: w.name, kind: w.kind, address: w.address, stakeAddress: w.stakeAddress })),
    };
  };

  const route = async (method: string, path: string, q: URLSearchParams, req: IncomingMessage): Promise<[number, unknown]> => {
    const seg = path.split("/").filter(Boolean).map(decodeURIComponent);
    const get = method === "GET" || method === "HEAD";
    const m = (pattern: string) => {
      // pattern like "txs/:h/utxos"
      const ps = pattern.split("/");
      if (ps.length !== seg.length) return null;
      const params: string[] = [];
      for (let i = 0; i < ps.length; i++) {
        if (ps[i]!.startsWith(":")) params.push(seg[i]!);
        else if (ps[i] !== seg[i]) return null;
      }
      return params;
    };
    let p: string[] | null;

    if (seg.length === 0 && get) return [200, { url: "jetpack-devnet", version: "0.1.0" }];
    if ((p = m("health")) && get) return [200, { is_healthy: true }];
    if ((p = m("health/clock")) && get) return [200, { server_time: chain.nowMs() }];

    // ---- chain parameters and time
    if ((p = m("epochs/latest/parameters")) && get)
      return [200, protocolParametersJson(chain.protocolParameters, slotToEpoch(chain.currentSlot(), sc).epoch)];
    if ((p = m("epochs/latest")) && get) {
      const slot = chain.currentSlot();
      const { epoch, epochSlot } = slotToEpoch(slot, sc);
      const start = slotToTime(slot - epochSlot, sc);
      return [
        200,
        {
          epoch,
          start_time: Math.floor(start / 1000),
          end_time: Math.floor((start + DEVNET_EPOCH_LENGTH_SLOTS * sc.slotLength) / 1000),
          first_block_time: Math.floor(start / 1000),
          last_block_time: Math.floor(chain.tip.time / 1000),
          block_count: chain.blocks.length,
          tx_count: chain.txs.size - 1,
          output: "0",
          fees: "0",
          active_stake: null,
        },
      ];
    }
    if ((p = m("genesis")) && get)
      return [
        200,
        {
          active_slots_coefficient: 0.05,
          update_quorum: 5,
          max_lovelace_supply: "45000000000000000",
          network_magic: 42,
          epoch_length: DEVNET_EPOCH_LENGTH_SLOTS,
          // Chosen so that time = system_start + slot · slot_length for every slot.
          system_start: Math.floor((sc.zeroTime - sc.zeroSlot * sc.slotLength) / 1000),
          slots_per_kes_period: 129600,
          slot_length: sc.slotLength / 1000,
          max_kes_evolutions: 62,
          security_param: 2160,
        },
      ];
    if ((p = m("blocks/latest")) && get) return [200, blockJson(chain.tip, chain.tip.height, sc)];
    if ((p = m("blocks/latest/txs")) && get) return [200, paginate(chain.tip.txHashes, paging(q))];
    if ((p = m("blocks/:id")) && get) {
      const b = chain.block(p[0]!);
      if (!b) throw notFound();
      return [200, blockJson(b, chain.tip.height, sc)];
    }

    // ---- addresses and assets
    if ((p = m("addresses/:a/utxos")) && get) {
      const aq = addressQuery(p[0]!);
      const utxos = "address" in aq ? chain.utxosAtAddress(aq.address) : chain.utxosAtPaymentHash(aq.paymentHash);
      return [200, paginate(utxos, paging(q)).map((u) => addressUtxoJson(u, chain.blockHashOfTx(u.txHash)))];
    }
    if ((p = m("addresses/:a/utxos/:unit")) && get) {
      const aq = addressQuery(p[0]!);
      const unit = p[1]!;
      const utxos = ("address" in aq ? chain.utxosAtAddress(aq.address) : chain.utxosAtPaymentHash(aq.paymentHash)).filter(
        (u) => (u.assets[unit] ?? 0n) > 0n,
      );
      return [200, paginate(utxos, paging(q)).map((u) => addressUtxoJson(u, chain.blockHashOfTx(u.txHash)))];
    }
    if ((p = m("addresses/:a")) && get) {
      const aq = addressQuery(p[0]!);
      if (!("address" in aq)) throw new HttpError(400, "Invalid address for this network or malformed address format.");
      const total: Record<string, bigint> = {};
      for (const u of chain.utxosAtAddress(aq.address))
        for (const [k, v] of Object.entries(u.assets)) total[k] = (total[k] ?? 0n) + v;
      const addr = CML.Address.from_bech32(aq.address);
      const stake = addr.staking_cred();
      return [
        200,
        {
          address: aq.address,
          amount: amountJson(total),
          stake_address: stake
            ? CML.RewardAddress.new(chain.networkId, stake).to_address().to_bech32(undefined)
            : null,
          type: "shelley",
          script: addr.payment_cred()?.kind() === CML.CredentialKind.Script,
        },
      ];
    }
    if ((p = m("assets/:unit/addresses")) && get) {
      const unit = p[0]!;
      const holders = new Map<string, bigint>();
      for (const u of chain.confirmedUtxos()) {
        const qty = u.assets[unit] ?? 0n;
        if (qty > 0n) holders.set(u.address, (holders.get(u.address) ?? 0n) + qty);
      }
      if (holders.size === 0) throw notFound();
      return [200, paginate([...holders].map(([address, quantity]) => ({ address, quantity: quantity.toString() })), paging(q))];
    }
    if ((p = m("accounts/:stake")) && get) {
      const acc = chain.emulator.chain[p[0]!];
      if (!acc) throw notFound();
      return [
        200,
        {
          stake_address: p[0],
          active: acc.registeredStake,
          active_epoch: null,
          controlled_amount: "0",
          rewards_sum: acc.delegation.rewards.toString(),
          withdrawals_sum: "0",
          reserves_sum: "0",
          treasury_sum: "0",
          withdrawable_amount: acc.delegation.rewards.toString(),
          pool_id: acc.delegation.poolId,
          drep_id: null,
        },
      ];
    }

    // ---- transactions
    if ((p = m("txs/:h")) && get) {
      const r = chain.confirmedTx(p[0]!);
      if (!r) throw notFound();
      const b = r.block!;
      return [
        200,
        {
          hash: r.hash,
          block: b.hash,
          block_height: b.height,
          block_time: Math.floor(b.time / 1000),
          slot: b.slot,
          index: r.indexInBlock,
          output_amount: amountJson(
            r.outputs.reduce<Record<string, bigint>>((acc, u) => {
              for (const [k, v] of Object.entries(u.assets)) acc[k] = (acc[k] ?? 0n) + v;
              return acc;
            }, {}),
          ),
          fees: r.fee.toString(),
          deposit: r.deposit.toString(),
          size: r.size,
          invalid_before: r.invalidBefore,
          invalid_hereafter: r.invalidHereafter,
          utxo_count: r.inputs.length + r.outputs.length,
          withdrawal_count: r.withdrawalCount,
          mir_cert_count: 0,
          delegation_count: 0,
          stake_cert_count: r.certCount,
          pool_update_count: 0,
          pool_retire_count: 0,
          asset_mint_or_burn_count: r.mintCount,
          redeemer_count: r.redeemers.length,
          valid_contract: true,
        },
      ];
    }
    if ((p = m("txs/:h/utxos")) && get) {
      const r = chain.confirmedTx(p[0]!);
      if (!r) throw notFound();
      return [
        200,
        {
          hash: r.hash,
          inputs: [
            ...r.inputs.map((u) => txUtxoJson(u, { asInput: true })),
            ...r.referenceInputs.map((u) => txUtxoJson(u, { asInput: true, reference: true })),
            ...r.collateral.map((u) => txUtxoJson(u, { asInput: true, collateral: true })),
          ],
          outputs: r.outputs.map((u, i) => txUtxoJson(u, { asInput: false, consumedBy: r.consumedBy[i] })),
        },
      ];
    }
    if ((p = m("txs/:h/cbor")) && get) {
      const r = chain.confirmedTx(p[0]!);
      if (!r || !r.cbor) throw notFound();
      return [200, { cbor: r.cbor }];
    }
    if ((p = m("txs/:h/redeemers")) && get) {
      const r = chain.confirmedTx(p[0]!);
      if (!r) throw notFound();
      return [
        200,
        r.redeemers.map((x) => ({
          tx_index: x.index,
          purpose: redeemerPointer(x.tag, x.index).split(":")[0],
          unit_mem: x.mem.toString(),
          unit_steps: x.steps.toString(),
        })),
      ];
    }

    // ---- scripts and datums
    if ((p = m("scripts/datum/:h/cbor")) && get) {
      const d = chain.datum(p[0]!);
      if (!d) throw notFound();
      return [200, { cbor: d }];
    }
    if ((p = m("scripts/:h")) && get) {
      const s = chain.script(p[0]!);
      if (!s) throw notFound();
      return [200, scriptInfoJson(s)];
    }
    if ((p = m("scripts/:h/cbor")) && get) {
      const s = chain.script(p[0]!);
      if (!s) throw notFound();
      return [200, scriptCborJson(s)];
    }
    if ((p = m("scripts/:h/json")) && get) {
      const s = chain.script(p[0]!);
      if (!s) throw notFound();
      if (s.type !== "Native") return [200, { json: null }];
      return [200, { json: nativeScriptJson(CML.NativeScript.from_cbor_hex(s.script)) }];
    }

    // ---- submission and evaluation
    if ((p = m("tx/submit")) && method === "POST") {
      const ct = (req.headers["content-type"] ?? "").toLowerCase();
      if (!ct.startsWith("application/cbor")) throw new HttpError(415, "Content-Type must be application/cbor");
      const bytes = cborBytes(await readBody(req));
      const hash = chain.submit(bytes);
      if (blockIntervalMs === 0) chain.produceBlock();
      return [200, hash];
    }
    if ((p = m("utils/txs/evaluate")) && method === "POST") {
      const bytes = cborBytes(await readBody(req));
      return [200, ogmiosEvaluation(() => chain.evaluate(bytes))];
    }
    if ((p = m("utils/txs/evaluate/utxos")) && method === "POST") {
      const body = parseJson(await readBody(req));
      if (typeof body.cbor !== "string") throw new HttpError(400, "body must be {cbor, additionalUtxoSet}");
      let extra: UTxO[];
      try {
        extra = ((body.additionalUtxoSet ?? []) as unknown[]).map(fromOgmiosUtxo);
      } catch (e) {
        throw new HttpError(400, `additionalUtxoSet: ${String(e)}`);
      }
      const bytes = Buffer.from(body.cbor, "hex");
      return [200, ogmiosEvaluation(() => chain.evaluate(bytes, extra))];
    }

    // ---- devnet control
    if ((p = m("devnet/info")) && get) return [200, tipJson()];
    if ((p = m("devnet/block")) && method === "POST") return [200, produceBlock()];
    if ((p = m("devnet/advance")) && method === "POST") {
      const b = parseJson(await readBody(req));
      const now = chain.nowMs();
      let ms: number;
      if (typeof b.ms === "number") ms = b.ms;
      else if (typeof b.slots === "number") ms = b.slots * sc.slotLength;
      else if (typeof b.toTime === "number") ms = b.toTime - now;
      else if (typeof b.toSlot === "number") ms = slotToTime(b.toSlot, sc) - now;
      else throw new HttpError(400, "body must be one of {ms}, {slots}, {toTime}, {toSlot}");
      if (!Number.isFinite(ms) || ms < 0) throw new HttpError(400, "time only moves forward");
      advance(ms);
      return [200, tipJson()];
    }

    const known = seg.length > 0;
    throw known ? notFound() : new HttpError(404, "not found");
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://devnet");
    let path = url.pathname;
    if (path === API_PREFIX || path.startsWith(API_PREFIX + "/")) path = path.slice(API_PREFIX.length);
    const method = req.method ?? "GET";
    const done = (status: number, body: unknown, note = "") => {
      send(res, status, body);
      log(`${method} ${path} ${status}${note ? " " + note : ""}`);
    };
    if (req.headers["project_id"] !== projectId) {
      req.resume();
      return done(403, errorBody(403, "Invalid project token."));
    }
    route(method, path, url.searchParams, req).then(
      ([status, body]) => done(status, body, path === "/tx/submit" ? String(body) : ""),
      (e: unknown) => {
        req.resume();
        if (e instanceof HttpError) return done(e.status, errorBody(e.status, e.message));
        if (e instanceof TxRejected) return done(400, errorBody(400, e.message), "rejected");
        return done(500, errorBody(500, e instanceof Error ? e.message : String(e)));
      },
    );
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostPart = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  const url = `http://${hostPart}:${addr.port}${API_PREFIX}`;

  const timer = blockIntervalMs > 0 ? setInterval(() => chain.produceBlock(), blockIntervalMs) : undefined;
  timer?.unref();

  let infoFile: string | undefined;
  if (opts.dir) infoFile = await writeDevnetDir(opts.dir, { url, projectId, slotConfig: sc, wallets });

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      if (timer) clearInterval(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  return { url, projectId, network: "Preprod", wallets, slotConfig: { ...sc }, infoFile, chain, advance, produceBlock, close };
}

/** Runs an evaluation and wraps it as Ogmios v5 JSON (what Blockfrost's evaluate endpoints return). */
function ogmiosEvaluation(run: () => Array<{ tag: CML.RedeemerTag; index: number; mem: bigint; steps: bigint }>): Json {
  const envelope = (result: Json) => ({
    type: "jsonwsp/response",
    version: "1.0",
    servicename: "ogmios",
    methodname: "EvaluateTx",
    result,
    reflection: { id: randomBytes(8).toString("hex") },
  });
  try {
    const budgets = run();
    const r: Record<string, Json> = {};
    for (const b of budgets) r[redeemerPointer(b.tag, b.index)] = { memory: Number(b.mem), steps: Number(b.steps) };
    return envelope({ EvaluationResult: r });
  } catch (e) {
    if (!(e instanceof TxRejected)) throw e;
    return envelope({ EvaluationFailure: { ScriptFailures: { error: e.message } } });
  }
}
