/**
 * The files the chain workflows read, checked in full before anything is built:
 * - epoch metrics: the `jetpack allocate` format ({ fTotalPack?, weightsBps?, capsPack?,
 *   services: [{ id, m1, m2, m3 }] }); f_total, weights and caps come from the chain and,
 *   when the file states them too, must agree;
 * - the services key map: { "<id>": "<payment key hash or address>", … };
 * - reward CSV: `address,amount` per line (amount in Jet with up to 6 decimals, or in Pack);
 * - config input: { weightsBps?, levelCapsPack?, operators?, governors?, quorum?,
 *   claimWindowMs?, rewardAttestor? } (keys as key hashes or addresses);
 * - the allocation file an advance publishes (its exact bytes are what the pool datum hashes).
 *
 * Every problem is an InputError naming the JSON path (or `line N` of the CSV); callers
 * prefix the file name.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CML } from "@lucid-evolution/lucid";
import type { ConfigDatum } from "../codec/data.js";
import { PACK_PER_JET } from "../economics/emission.js";
import { InputError } from "../economics/errors.js";
import type { ServiceMetrics } from "../economics/scoring.js";
import { UsageError } from "../cli/command.js";
import { expectArray, expectObject, onlyKeys, parseCaps, parseNonNegInt, parseServices, parseWeights } from "../cli/input.js";
import { ALLOCATION_FORMAT, type AllocationFile, type AllocationFileEntry } from "../tx/emission/advance.js";
import type { Payout } from "../tx/lock/reward.js";
import { keyHashFrom, KeyError } from "./keys.js";

export interface EpochMetrics {
  fTotalPack?: bigint;
  weightsBps?: number[];
  capsPack?: bigint[];
  services: ServiceMetrics[];
}

export function parseEpochMetrics(raw: unknown): EpochMetrics {
  const o = expectObject(raw, "");
  onlyKeys(o, ["fTotalPack", "weightsBps", "capsPack", "services"], "");
  const weightsBps = parseWeights(o.weightsBps);
  const capsPack = parseCaps(o.capsPack);
  const services = parseServices(o.services, "services");
  return {
    services,
    ...(o.fTotalPack !== undefined ? { fTotalPack: parseNonNegInt(o.fTotalPack, "fTotalPack") } : {}),
    ...(weightsBps ? { weightsBps } : {}),
    ...(capsPack ? { capsPack } : {}),
  };
}

function keyOf(v: unknown, path: string): string {
  if (typeof v !== "string") throw new InputError(path, `must be a key hash or an address string, got ${JSON.stringify(v)?.slice(0, 40)}`);
  try {
    return keyHashFrom(v, path);
  } catch (e) {
    if (e instanceof KeyError) throw new InputError(path, e.message.replace(`${path}: `, ""));
    throw e;
  }
}

/** { id: key hash | address } → id → payment key hash. */
export function parseServiceKeys(raw: unknown): Map<string, string> {
  const o = expectObject(raw, "");
  const out = new Map<string, string>();
  for (const [id, v] of Object.entries(o)) out.set(id, keyOf(v, JSON.stringify(id)));
  return out;
}

/** A key list: array of key hashes or addresses (duplicates rejected). */
export function parseKeyList(v: unknown, path: string): string[] {
  const arr = expectArray(v, path).map((x, i) => keyOf(x, `${path}[${i}]`));
  const seen = new Set<string>();
  arr.forEach((k, i) => {
    if (seen.has(k)) throw new InputError(`${path}[${i}]`, `duplicate key ${k}`);
    seen.add(k);
  });
  return arr;
}

/** The changes a config file asks for. `poolScript`/`lockScript` may appear (as in the
 *  output of `config show --json`) but are immutable: the caller checks them unchanged. */
export type ConfigInput = Partial<ConfigDatum>;

export function parseConfigInput(raw: unknown): ConfigInput {
  let o = expectObject(raw, "");
  // `jetpack config show --json` prints { utxo, config }: accepted as it is.
  if (o.config !== undefined && Object.keys(o).every((k) => k === "config" || k === "utxo")) o = expectObject(o.config, "config");
  // `version` and `governance` (printed by `config show`) are accepted and ignored: the version
  // follows from the config replaced, and only a proposal changes the governance section.
  onlyKeys(o, ["weightsBps", "levelCapsPack", "operators", "governors", "quorum", "claimWindowMs", "rewardAttestor", "poolScript", "lockScript", "version", "governance"], "");
  const c: ConfigInput = {};
  if (o.weightsBps !== undefined) c.weightsBps = expectArray(o.weightsBps, "weightsBps").map((w, i) => parseNonNegInt(w, `weightsBps[${i}]`));
  if (o.levelCapsPack !== undefined) c.levelCapsPack = expectArray(o.levelCapsPack, "levelCapsPack").map((w, i) => parseNonNegInt(w, `levelCapsPack[${i}]`));
  if (o.operators !== undefined) c.operators = parseKeyList(o.operators, "operators");
  if (o.governors !== undefined) c.governors = parseKeyList(o.governors, "governors");
  if (o.quorum !== undefined) c.quorum = parseNonNegInt(o.quorum, "quorum");
  if (o.claimWindowMs !== undefined) c.claimWindowMs = parseNonNegInt(o.claimWindowMs, "claimWindowMs");
  if (o.rewardAttestor !== undefined) c.rewardAttestor = o.rewardAttestor === null ? null : keyOf(o.rewardAttestor, "rewardAttestor");
  for (const k of ["poolScript", "lockScript"] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== "string" || !/^[0-9a-f]{56}$/.test(v)) throw new InputError(k, "expected a 28-byte script hash in hex");
    c[k] = v;
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Reward CSV

export type AmountUnit = "jet" | "pack";

/** "12.5" Jet → 12500000 Pack; at most 6 decimals. */
export function parseJetAmount(s: string): bigint | string {
  if (/^-/.test(s)) return "amount must not be negative";
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return /^\d+\.\d{7,}$/.test(s) ? "at most 6 decimals (1 Pack = 0.000001 Jet)" : "not a decimal number";
  return BigInt(m[1]!) * PACK_PER_JET + BigInt((m[2] ?? "").padEnd(6, "0") || "0");
}

/** One payout line of a reward CSV: its 1-based line number in the file, address, amount. */
export interface CsvPayout {
  line: number;
  address: string;
  amountPack: bigint;
}

/**
 * `address,amount` lines; blank lines and lines starting with # are skipped; an optional
 * first line `address,amount` is a header. Addresses must be key-hash addresses of the
 * given network id (0 testnets/devnet, 1 mainnet). Each payout keeps its line number.
 */
export function parseRewardCsvLines(text: string, unit: AmountUnit, networkId: number): CsvPayout[] {
  const out: CsvPayout[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let sawData = false;
  lines.forEach((rawLine, i) => {
    const where = `line ${i + 1}`;
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) return;
    const cells = line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1").trim());
    if (!sawData) {
      sawData = true;
      // A first line that starts with no address and ends in no number is a header.
      if (!/^addr(_test)?1/i.test(cells[0]!) && !/^[-+.\d]/.test(cells[cells.length - 1]!)) {
        if (cells.length === 2 && cells[0]!.toLowerCase() === "address" && /^amount/i.test(cells[1]!)) return;
        throw new InputError(where, `header must be "address,amount", got ${JSON.stringify(line.slice(0, 60))}`);
      }
    }
    if (cells.length !== 2) throw new InputError(where, `expected "address,amount", got ${cells.length} fields`);
    const [address, amount] = cells as [string, string];
    let addr: CML.Address;
    try {
      addr = CML.Address.from_bech32(address);
    } catch {
      throw new InputError(where, `malformed address ${JSON.stringify(address.slice(0, 120))}`);
    }
    if (addr.network_id() !== networkId) throw new InputError(where, `address ${address.slice(0, 40)}… is for network id ${addr.network_id()}, not ${networkId}`);
    if (!addr.payment_cred()?.as_pub_key()) throw new InputError(where, `address ${address.slice(0, 40)}… is not a key-hash payment address`);
    let pack: bigint;
    if (unit === "pack") {
      if (/^-/.test(amount)) throw new InputError(where, `amount must not be negative, got ${JSON.stringify(amount)}`);
      if (!/^\d+$/.test(amount)) throw new InputError(where, `amount must be an integer number of Pack, got ${JSON.stringify(amount.slice(0, 40))}`);
      pack = BigInt(amount);
    } else {
      const r = parseJetAmount(amount);
      if (typeof r === "string") throw new InputError(where, `${r}, got ${JSON.stringify(amount.slice(0, 40))}`);
      pack = r;
    }
    if (pack === 0n) throw new InputError(where, "amount must be positive");
    out.push({ line: i + 1, address, amountPack: pack });
  });
  if (out.length === 0) throw new InputError("", text.trim() === "" ? "empty file: no payouts (expected lines of address,amount)" : "no payouts (expected lines of address,amount)");
  return out;
}

/** `address,amount` lines as payouts (see parseRewardCsvLines). */
export function parseRewardCsv(text: string, unit: AmountUnit, networkId: number): Payout[] {
  return parseRewardCsvLines(text, unit, networkId).map(({ address, amountPack }) => ({ address, amountPack }));
}

/** The first address that appears on two payout lines (compared case-insensitively), if any. */
export function repeatedAddress(rows: readonly CsvPayout[]): { first: CsvPayout; again: CsvPayout } | undefined {
  const seen = new Map<string, CsvPayout>();
  for (const r of rows) {
    const k = r.address.toLowerCase();
    const first = seen.get(k);
    if (first) return { first, again: r };
    seen.set(k, r);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Allocation file

const HEX28 = /^[0-9a-f]{56}$/;

function intField(o: Record<string, unknown>, k: string, path: string): number {
  const v = o[k];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new InputError(`${path}.${k}`, "must be a non-negative integer");
  return v;
}

/**
 * Reads and shape-checks an allocation file; its exact bytes are returned too (their hash is
 * what the pool datums record). Bad input → UsageError naming the file.
 */
export function readAllocationFile(file: string, cwd: string): { bytes: string; alloc: AllocationFile } {
  let bytes: string;
  try {
    bytes = readFileSync(resolve(cwd, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read allocation file ${file}: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`);
  }
  try {
    return { bytes, alloc: parseAllocationFile(JSON.parse(bytes)) };
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${file}: ${e.message}`);
    throw new UsageError(`${file}: invalid JSON (${(e as Error).message})`);
  }
}

/** Shape check of a parsed allocation file (its hash is checked against the chain separately). */
export function parseAllocationFile(raw: unknown): AllocationFile {
  const o = expectObject(raw, "");
  if (o.format !== ALLOCATION_FORMAT) throw new InputError("format", `expected ${JSON.stringify(ALLOCATION_FORMAT)}, got ${JSON.stringify(o.format)?.slice(0, 40)}`);
  const epoch = intField(o, "epoch", "");
  const entries = expectArray(o.entries, "entries").map((e, i): AllocationFileEntry => {
    const p = `entries[${i}]`;
    const eo = expectObject(e, p);
    if (typeof eo.id !== "string") throw new InputError(`${p}.id`, "must be a string");
    if (typeof eo.service !== "string" || !HEX28.test(eo.service)) throw new InputError(`${p}.service`, "must be a 28-byte key hash (hex)");
    return {
      id: eo.id,
      service: eo.service,
      shard: intField(eo, "shard", p),
      index: intField(eo, "index", p),
      level: intField(eo, "level", p),
      amountPack: String(parseNonNegInt(eo.amountPack, `${p}.amountPack`)),
    };
  });
  return { ...(o as unknown as AllocationFile), epoch, entries };
}
