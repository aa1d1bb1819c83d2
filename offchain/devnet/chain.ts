/**
 * The devnet's ledger: Lucid's `Emulator` plus what a Blockfrost-backed client needs and
 * the Emulator lacks: a clock tied to the devnet slot config, blocks, a transaction index
 * (for `txs/{hash}/…` and `consumed_by_tx`), a script and datum index, and the extra
 * ledger checks of ./validate.ts (phase 1 and Plutus phase 2) before `Emulator.submitTx`.
 *
 * Time: chain time is wall-clock time plus an offset that only grows
 * (`clock: "wall"`, default), or a manual clock that moves only when told
 * (`clock: "manual"`). The current slot is the slot containing chain time under
 * DEVNET_SLOT_CONFIG (Preprod's), and the Emulator's `slot`/`time` are kept equal to it.
 * `advance(ms)` moves time forward and produces a block.
 *
 * Blocks: pending (mempool) transactions become confirmed when a block is produced, by
 * `produceBlock()` (the server calls it on a timer, after each submit when the interval
 * is 0, and after every `advance`). Queries show confirmed state only, as Blockfrost does.
 */
import { randomBytes } from "node:crypto";
import {
  CML,
  Emulator,
  PROTOCOL_PARAMETERS_DEFAULT,
  coreToUtxo,
  getAddressDetails,
  validatorToScriptHash,
  type Assets,
  type OutputData,
  type ProtocolParameters,
  type Script,
  type UTxO,
} from "@lucid-evolution/lucid";
import type { BlockInfo } from "./blockfrost-json.js";
import { DEVNET_SLOT_CONFIG, slotToTime, timeToSlot, type SlotConfig } from "./time.js";
import {
  TxRejected,
  costModelsOf,
  declaredRedeemers,
  evaluateRedeemers,
  evaluationUtxos,
  phaseOneChecks,
  phaseTwoChecks,
  type RedeemerBudget,
  type ResolvedInputs,
} from "./validate.js";

export const GENESIS_TX_HASH = "00".repeat(32);
export const DEVNET_NETWORK_ID = 0;

export interface GenesisOutput {
  address: string;
  assets: Assets;
  /** Datum / reference script of the output (Lucid's `OutputData`, as the Emulator takes it). */
  outputData?: OutputData;
}

export interface ChainOptions {
  genesis: GenesisOutput[];
  protocolParameters?: ProtocolParameters;
  clock?: "wall" | "manual";
  /** Chain time at start (POSIX ms); defaults to now. */
  startTimeMs?: number;
}

export interface TxRecord {
  hash: string;
  cbor: string | null; // null for the genesis pseudo-transaction
  size: number;
  fee: bigint;
  deposit: bigint;
  inputs: UTxO[];
  referenceInputs: UTxO[];
  collateral: UTxO[];
  outputs: UTxO[];
  consumedBy: Array<string | null>;
  invalidBefore: string | null;
  invalidHereafter: string | null;
  redeemers: RedeemerBudget[];
  mintCount: number;
  withdrawalCount: number;
  certCount: number;
  block: BlockInfo | null; // null while pending
  indexInBlock: number;
}

function outKey(txHash: string, index: number | bigint): string {
  return txHash + index.toString();
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

export class DevnetChain {
  readonly emulator: Emulator;
  readonly protocolParameters: ProtocolParameters;
  readonly costModels: CML.CostModels;
  readonly slotConfig: SlotConfig = { ...DEVNET_SLOT_CONFIG };
  readonly networkId = DEVNET_NETWORK_ID;
  readonly clockMode: "wall" | "manual";

  private offsetMs = 0; // wall clock: chain time = Date.now() + offsetMs
  private manualMs: number; // manual clock: chain time
  private slot: number;

  readonly blocks: BlockInfo[] = [];
  private readonly blocksByHash = new Map<string, BlockInfo>();
  readonly txs = new Map<string, TxRecord>();
  private pending: string[] = [];
  private readonly scripts = new Map<string, Script>();
  private readonly datums = new Map<string, string>();

  constructor(opts: ChainOptions) {
    this.protocolParameters = opts.protocolParameters ?? PROTOCOL_PARAMETERS_DEFAULT;
    this.costModels = costModelsOf(this.protocolParameters);
    this.clockMode = opts.clock ?? "wall";
    const start = opts.startTimeMs ?? Date.now();
    this.manualMs = start;
    if (this.clockMode === "wall") this.offsetMs = start - Date.now();
    this.slot = timeToSlot(start, this.slotConfig);
    this.emulator = new Emulator(opts.genesis.map((g) => ({ seedPhrase: "", privateKey: "", ...g })), this.protocolParameters);
    this.syncClock();

    const outputs = Object.values(this.emulator.ledger).map((e) => e.utxo);
    for (const u of outputs) this.indexOutput(u);
    for (const g of opts.genesis) {
      const d = g.outputData?.asHash;
      if (d) this.datums.set(CML.hash_plutus_data(CML.PlutusData.from_cbor_hex(d)).to_hex(), d);
    }
    const genesisBlock = this.pushBlock([]);
    this.txs.set(GENESIS_TX_HASH, {
      hash: GENESIS_TX_HASH,
      cbor: null,
      size: 0,
      fee: 0n,
      deposit: 0n,
      inputs: [],
      referenceInputs: [],
      collateral: [],
      outputs,
      consumedBy: outputs.map(() => null),
      invalidBefore: null,
      invalidHereafter: null,
      redeemers: [],
      mintCount: 0,
      withdrawalCount: 0,
      certCount: 0,
      block: genesisBlock,
      indexInBlock: 0,
    });
  }

  // ---- time ---------------------------------------------------------------------------

  /** Chain time, POSIX ms (not rounded to the slot). */
  nowMs(): number {
    return this.clockMode === "wall" ? Date.now() + this.offsetMs : this.manualMs;
  }

  /** Moves the Emulator's slot/time to the current chain slot (never backwards). */
  syncClock(): number {
    const s = Math.max(this.slot, timeToSlot(this.nowMs(), this.slotConfig));
    this.slot = s;
    this.emulator.slot = s;
    this.emulator.time = slotToTime(s, this.slotConfig);
    return s;
  }

  currentSlot(): number {
    return this.syncClock();
  }

  /** Moves chain time forward by `ms` (≥ 0) and produces a block at the new slot. */
  advance(ms: number): BlockInfo {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advance: ms must be a finite number ≥ 0");
    if (this.clockMode === "wall") this.offsetMs += ms;
    else this.manualMs += ms;
    return this.produceBlock();
  }

  // ---- blocks -------------------------------------------------------------------------

  get tip(): BlockInfo {
    return this.blocks[this.blocks.length - 1]!;
  }

  block(hashOrHeight: string): BlockInfo | undefined {
    if (/^\d+$/.test(hashOrHeight)) return this.blocks[Number(hashOrHeight)];
    return this.blocksByHash.get(hashOrHeight);
  }

  private pushBlock(txHashes: string[]): BlockInfo {
    const prev = this.blocks[this.blocks.length - 1];
    const recs = txHashes.map((h) => this.txs.get(h)!);
    const b: BlockInfo = {
      hash: hex(randomBytes(32)),
      height: this.blocks.length,
      slot: this.slot,
      time: slotToTime(this.slot, this.slotConfig),
      txHashes,
      previous: prev?.hash ?? null,
      fees: recs.reduce((s, r) => s + r.fee, 0n),
      output: recs.reduce((s, r) => s + r.outputs.reduce((t, u) => t + (u.assets.lovelace ?? 0n), 0n), 0n),
      size: recs.reduce((s, r) => s + r.size, 0),
    };
    this.blocks.push(b);
    this.blocksByHash.set(b.hash, b);
    this.emulator.blockHeight = b.height;
    return b;
  }

  /** Confirms every pending transaction in a new block at the current slot. */
  produceBlock(): BlockInfo {
    this.syncClock();
    const em = this.emulator;
    for (const [k, e] of Object.entries(em.mempool)) em.ledger[k] = e;
    for (const [k, e] of Object.entries(em.ledger)) if (e.spent) delete em.ledger[k];
    em.mempool = {};
    const hashes = this.pending;
    this.pending = [];
    const b = this.pushBlock(hashes);
    hashes.forEach((h, i) => {
      const rec = this.txs.get(h)!;
      rec.block = b;
      rec.indexInBlock = i;
      for (const u of rec.inputs) {
        const src = this.txs.get(u.txHash);
        if (src) src.consumedBy[u.outputIndex] = h;
      }
    });
    return b;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  // ---- queries (confirmed state) ------------------------------------------------------

  /** Confirmed UTxOs, oldest first. Outputs spent by a pending transaction are still listed (as on Blockfrost). */
  confirmedUtxos(): UTxO[] {
    return Object.values(this.emulator.ledger).map((e) => e.utxo);
  }

  utxosAtAddress(address: string): UTxO[] {
    return this.confirmedUtxos().filter((u) => u.address === address);
  }

  utxosAtPaymentHash(hash: string): UTxO[] {
    return this.confirmedUtxos().filter((u) => {
      try {
        return getAddressDetails(u.address).paymentCredential?.hash === hash;
      } catch {
        return false;
      }
    });
  }

  blockHashOfTx(txHash: string): string {
    return this.txs.get(txHash)?.block?.hash ?? "";
  }

  confirmedTx(hash: string): TxRecord | undefined {
    const r = this.txs.get(hash);
    return r?.block ? r : undefined;
  }

  script(hash: string): Script | undefined {
    return this.scripts.get(hash);
  }

  datum(hash: string): string | undefined {
    return this.datums.get(hash) ?? this.emulator.datumTable[hash];
  }

  // ---- submission ---------------------------------------------------------------------

  /** A UTxO that exists (confirmed or pending) and is unspent, or undefined. */
  private liveUtxo(txHash: string, index: number | bigint): UTxO | undefined {
    const k = outKey(txHash, index);
    const e = this.emulator.ledger[k] ?? this.emulator.mempool[k];
    return e && !e.spent ? e.utxo : undefined;
  }

  private resolveList(
    list: CML.TransactionInputList | undefined,
    what: string,
    extra: Map<string, UTxO> = new Map(),
  ): UTxO[] {
    const out: UTxO[] = [];
    for (let i = 0; i < (list?.len() ?? 0); i++) {
      const inp = list!.get(i);
      const txHash = inp.transaction_id().to_hex();
      const idx = inp.index();
      const u = this.liveUtxo(txHash, idx) ?? extra.get(`${txHash}#${idx}`);
      if (!u)
        throw new TxRejected(
          `BadInputsUTxO: ${what} ${txHash}#${idx} does not exist or is already spent`,
        );
      out.push(u);
    }
    return out;
  }

  private resolve(tx: CML.Transaction, extra?: Map<string, UTxO>): ResolvedInputs {
    const body = tx.body();
    return {
      inputs: this.resolveList(body.inputs(), "input", extra),
      referenceInputs: this.resolveList(body.reference_inputs(), "reference input", extra),
      collateral: this.resolveList(body.collateral_inputs(), "collateral input", extra),
    };
  }

  private parse(bytes: Uint8Array): CML.Transaction {
    try {
      return CML.Transaction.from_cbor_bytes(bytes);
    } catch (e) {
      throw new TxRejected(`DeserialiseFailure: not a Conway transaction: ${String(e)}`);
    }
  }

  /**
   * Validates a signed transaction (phase 1, phase 2, then the Emulator's own checks) and
   * adds it to the mempool. Returns its hash. Throws `TxRejected`.
   */
  submit(bytes: Uint8Array): string {
    const tx = this.parse(bytes);
    const slot = this.syncClock();
    const body = tx.body();
    const hash = CML.hash_transaction(body).to_hex();
    if (this.txs.has(hash)) throw new TxRejected(`transaction ${hash} was already submitted`);
    const resolved = this.resolve(tx);
    const pp = this.protocolParameters;
    phaseOneChecks({ txBytes: bytes, tx, resolved, pp, costModels: this.costModels, slot, networkId: this.networkId });
    const budgets = phaseTwoChecks(bytes, tx, resolved, pp, this.costModels, this.slotConfig);
    try {
      // Emulator.submitTx throws synchronously; its promise only wraps the hash.
      void this.emulator.submitTx(hex(bytes));
    } catch (e) {
      throw new TxRejected(e instanceof Error ? e.message : String(e));
    }

    const outputs: UTxO[] = [];
    const outs = body.outputs();
    for (let i = 0; i < outs.len(); i++) {
      const u = coreToUtxo(
        CML.TransactionUnspentOutput.new(CML.TransactionInput.new(CML.TransactionHash.from_hex(hash), BigInt(i)), outs.get(i)),
      );
      outputs.push(u);
      this.indexOutput(u);
    }
    this.indexWitnessScripts(tx.witness_set());
    this.txs.set(hash, {
      hash,
      cbor: hex(bytes),
      size: bytes.length,
      fee: body.fee(),
      deposit: CML.get_deposit(body, pp.poolDeposit, pp.keyDeposit),
      inputs: resolved.inputs,
      referenceInputs: resolved.referenceInputs,
      collateral: resolved.collateral,
      outputs,
      consumedBy: outputs.map(() => null),
      invalidBefore: body.validity_interval_start()?.toString() ?? null,
      invalidHereafter: body.ttl()?.toString() ?? null,
      redeemers: budgets.length ? budgets : declaredRedeemers(tx.witness_set()),
      mintCount: body.mint()?.keys().len() ?? 0,
      withdrawalCount: body.withdrawals()?.keys().len() ?? 0,
      certCount: body.certs()?.len() ?? 0,
      block: null,
      indexInBlock: 0,
    });
    this.pending.push(hash);
    return hash;
  }

  /**
   * Evaluates the scripts of an (unsigned, zero-budget) transaction for
   * `utils/txs/evaluate`. `extra` are UTxOs the client supplies (used only for inputs the
   * chain does not know). Throws `TxRejected` on unknown inputs or a failing script.
   */
  evaluate(bytes: Uint8Array, extra: UTxO[] = []): RedeemerBudget[] {
    const tx = this.parse(bytes);
    this.syncClock();
    const extraMap = new Map(extra.map((u) => [`${u.txHash}#${u.outputIndex}`, u]));
    const resolved = this.resolve(tx, extraMap);
    if (declaredRedeemers(tx.witness_set()).length === 0) return [];
    return evaluateRedeemers(bytes, evaluationUtxos(resolved), this.protocolParameters, this.costModels, this.slotConfig);
  }

  // ---- indexes ------------------------------------------------------------------------

  private indexOutput(u: UTxO): void {
    if (u.scriptRef) this.scripts.set(validatorToScriptHash(u.scriptRef), u.scriptRef);
    if (u.datum) {
      const h = CML.hash_plutus_data(CML.PlutusData.from_cbor_hex(u.datum)).to_hex();
      this.datums.set(h, u.datum);
    }
  }

  private indexWitnessScripts(ws: CML.TransactionWitnessSet): void {
    const add = (l: { len(): number; get(i: number): { to_cbor_hex(): string } } | undefined, type: Script["type"]) => {
      for (let i = 0; i < (l?.len() ?? 0); i++) {
        const s: Script = { type, script: l!.get(i).to_cbor_hex() };
        this.scripts.set(validatorToScriptHash(s), s);
      }
    };
    add(ws.native_scripts(), "Native");
    add(ws.plutus_v1_scripts(), "PlutusV1");
    add(ws.plutus_v2_scripts(), "PlutusV2");
    add(ws.plutus_v3_scripts(), "PlutusV3");
  }
}
