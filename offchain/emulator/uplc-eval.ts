/**
 * Local script evaluation for long Emulator runs (thousands of transactions in one process).
 *
 * Why: Lucid 0.4.34 evaluates scripts with @lucid-evolution/uplc (Aiken's evaluator built to
 * WebAssembly). That build uses wee_alloc as its Rust allocator, which does not reuse freed
 * memory across allocation sizes, so the instance's memory only grows: measured ≈ 1.6 MB per
 * commitment, ≈ 2.9 MB per vote and ≈ 265 MB per 50-receipt tally, until it reaches the
 * 4 GB wasm32 limit and the evaluator traps ("RuntimeError: unreachable") — near 1,750
 * transactions in the 1,000-vote governance bench. A WebAssembly memory never shrinks and
 * Lucid holds its one instance for the life of the process.
 * How: the same evaluator — the same package's glue and .wasm, called with exactly the
 * arguments Lucid's `localUPLCEval` path passes (the draft transaction with zeroed
 * redeemers, its resolved inputs and reference inputs, Lucid's cost models, the protocol's
 * maximum budget, the network's slot config) — loaded as a private instance, dropped and
 * loaded afresh once its memory passes `limitBytes`. It is installed as the Emulator's
 * `evaluateTx`, which Lucid calls instead when a world completes with
 * `localUPLCEval: false` (`World.localUPLCEval`, offchain/emulator/world.ts); Lucid then
 * sets the returned budgets on the redeemers as it does with its own evaluation. A script
 * that fails makes `complete()` fail, as before.
 */
import { createRequire } from "node:module";
import { CML, fromCMLRedeemerTag, fromHex, SLOT_CONFIG_NETWORK, utxoToTransactionInput, utxoToTransactionOutput, type EvalRedeemer, type UTxO } from "@lucid-evolution/lucid";
import type { World } from "./world.js";

interface UplcModule {
  eval_phase_two_raw(tx: Uint8Array, ins: Uint8Array[], outs: Uint8Array[], costModels: Uint8Array, maxSteps: bigint, maxMem: bigint, zeroTime: bigint, zeroSlot: bigint, slotLength: number): Uint8Array[];
  __wasm: { memory: WebAssembly.Memory };
}

/** The path of the @lucid-evolution/uplc build that Lucid itself loads. */
function uplcPath(): string {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve("@lucid-evolution/lucid")).resolve("@lucid-evolution/uplc");
}

/** A new instance of the evaluator (its glue module evaluated again, so a new WebAssembly
 *  instance with its own memory); the require cache is left as it was. */
function freshUplc(path: string): UplcModule {
  const req = createRequire(path);
  const saved = req.cache[path];
  delete req.cache[path];
  try {
    return req(path) as UplcModule;
  } finally {
    delete req.cache[path];
    if (saved) req.cache[path] = saved;
  }
}

export interface RecyclingEvaluator {
  /** Evaluations so far. */
  readonly calls: () => number;
  /** Instances loaded so far (1 + the number of replacements). */
  readonly instances: () => number;
  /** The current instance's WebAssembly memory, in bytes. */
  readonly memoryBytes: () => number;
}

/**
 * Makes `w` evaluate its scripts with a private, periodically replaced instance of Lucid's
 * evaluator (see the top of this file). Call right after `newWorld()`.
 */
export function useRecyclingEvaluator(w: World, limitBytes = 512 * 2 ** 20): RecyclingEvaluator {
  const path = uplcPath();
  let uplc = freshUplc(path);
  let calls = 0;
  let instances = 1;
  const evaluateTx = async (tx: string, utxos: UTxO[] = []): Promise<EvalRedeemer[]> => {
    if (uplc.__wasm.memory.buffer.byteLength > limitBytes) {
      uplc = freshUplc(path);
      instances++;
    }
    const cfg = w.lucid.config();
    const pp = cfg.protocolParameters;
    if (!pp || !cfg.costModels || !cfg.network) throw new Error("the Lucid instance has no protocol parameters, cost models or network");
    const slot = SLOT_CONFIG_NETWORK[cfg.network];
    const bytes = (xs: { to_cbor_bytes(): Uint8Array; free(): void }[]) =>
      xs.map((x) => {
        const b = x.to_cbor_bytes();
        x.free();
        return b;
      });
    calls++;
    const raw = uplc.eval_phase_two_raw(
      fromHex(tx),
      bytes(utxos.map(utxoToTransactionInput)),
      bytes(utxos.map(utxoToTransactionOutput)),
      cfg.costModels.to_cbor_bytes(),
      BigInt(pp.maxTxExSteps),
      BigInt(pp.maxTxExMem),
      BigInt(slot.zeroTime),
      BigInt(slot.zeroSlot),
      slot.slotLength,
    );
    return raw.map((b) => {
      const r = CML.LegacyRedeemer.from_cbor_bytes(b);
      const u = r.ex_units();
      const out: EvalRedeemer = { ex_units: { mem: Number(u.mem()), steps: Number(u.steps()) }, redeemer_index: Number(r.index()), redeemer_tag: fromCMLRedeemerTag(r.tag()) };
      u.free();
      r.free();
      return out;
    });
  };
  w.emulator.evaluateTx = evaluateTx;
  w.localUPLCEval = false;
  return { calls: () => calls, instances: () => instances, memoryBytes: () => uplc.__wasm.memory.buffer.byteLength };
}
