/**
 * Evaluating compiled on-chain functions as UPLC, off-chain (the cross-check's engine).
 *
 * The functions are the Aiken library's, compiled by `aiken export` (plutus.exports.json,
 * written by `npm run build`): each is a program whose arguments are Data, like a
 * validator's parameters. `@harmoniclabs/plutus-machine` computes results exactly but
 * miscounts costs (see docs/design.md): use it for RESULTS only; budgets come from the
 * Lucid Emulator.
 */
import { Machine } from "@harmoniclabs/plutus-machine";
import { Application, UPLCConst, UPLCDecoder, constT, type UPLCTerm } from "@harmoniclabs/uplc";
import { DataB, DataConstr, DataI, DataList, type Data as PData } from "@harmoniclabs/plutus-data";
import { ByteString } from "@harmoniclabs/bytestring";
import { defaultV3Costs } from "@harmoniclabs/cardano-costmodels-ts";
import { CEKConst, CEKHeap } from "@harmoniclabs/plutus-machine";
import { createRequire } from "node:module";
import { decodeCborBytes } from "./cbor.js";

// The machine prices every integer builtin with @harmoniclabs/bigint-utils' `log2`, which
// shifts one bit at a time (quadratic in the size: most of the cross-check's time on the
// emission's 330-bit integers). The same function, exact, from the binary length; the
// result only feeds the cost accounting, which the cross-check does not use.
const bigintUtils = createRequire(import.meta.url)("@harmoniclabs/bigint-utils") as { log2: (n: bigint) => bigint };
bigintUtils.log2 = (n: bigint): bigint => (n === 0n ? 0n : n < 0n ? -BigInt((-n).toString(2).length - 1) : BigInt(n.toString(2).length - 1));
// The machine's heap (one per evaluation) de-duplicates each value it stores by comparing it
// deeply with every value already stored: quadratic in the evaluation's length. Storing
// without the search gives every value its own index, so each variable still reads its own
// value and the results are the same.
(CEKHeap.prototype as unknown as { add: (v: object) => number }).add = function (this: { _heap: object[] }, v: object): number {
  this._heap.push(Object.freeze(v));
  return this._heap.length - 1;
};

let machine: Machine | undefined;
/** One machine for all evaluations (building one parses the cost model, ~1 ms). */
function theMachine(): Machine {
  return (machine ??= new Machine(defaultV3Costs as any));
}

/** An argument of an on-chain function. */
export type UplcArg =
  | { int: bigint | number }
  | { bytes: Uint8Array }
  | { bytesList: Uint8Array[] }
  | { intList: (bigint | number)[] }
  | { data: PlainData }
  | { dataList: PlainData[] };

/** Plutus Data as plain values: bigint = I, Uint8Array = B, array = List, {constr, fields} = Constr. */
export type PlainData = bigint | Uint8Array | PlainData[] | { constr: number; fields: PlainData[] };

export function toPData(d: PlainData): PData {
  if (typeof d === "bigint") return new DataI(d);
  if (d instanceof Uint8Array) return new DataB(new ByteString(d));
  if (Array.isArray(d)) return new DataList(d.map(toPData));
  return new DataConstr(d.constr, d.fields.map(toPData));
}

export function toUplc(a: UplcArg): UPLCTerm {
  if ("int" in a) return UPLCConst.int(a.int);
  if ("bytes" in a) return UPLCConst.byteString(new ByteString(a.bytes));
  if ("bytesList" in a) return UPLCConst.listOf(constT.byteStr)(a.bytesList.map((b) => new ByteString(b)));
  if ("intList" in a) return UPLCConst.listOf(constT.int)(a.intList.map((n) => BigInt(n)));
  if ("dataList" in a) return UPLCConst.listOf(constT.data)(a.dataList.map(toPData));
  return UPLCConst.data(toPData(a.data));
}

/** The result of one evaluation: a constant's value, or failure; `logs` are the traces. */
export type EvalResult = ({ ok: true; value: unknown } | { ok: false }) & { logs: string[] };

/** A compiled function, ready to be applied to arguments many times (compiled once). */
export class OnchainFn {
  readonly body: UPLCTerm;
  readonly size: number;
  /** `compiledCode`: the program as in a blueprint (hex; flat wrapped in CBOR bytes). */
  constructor(compiledCode: string) {
    const flat = decodeCborBytes(Buffer.from(compiledCode, "hex"));
    this.size = flat.length;
    this.body = UPLCDecoder.parse(flat, "flat").body;
  }

  /** Applies the function to the arguments and evaluates (results only: its costs are wrong). */
  run(...args: UplcArg[]): EvalResult {
    // @harmoniclabs/uplc builds an Error (with a stack trace) on every list-type check, also
    // while the argument constants are built; without stack traces it is many times faster.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let out;
    try {
      let t: UPLCTerm = this.body;
      for (const a of args) t = new Application(t, toUplc(a));
      out = theMachine().eval(t);
    } finally {
      Error.stackTraceLimit = limit;
    }
    const r = out.result;
    if (r instanceof CEKConst) return { ok: true, value: normalize(r.value), logs: out.logs };
    return { ok: false, logs: out.logs };
  }

  /** The integer result, or undefined when the evaluation fails (or is not an integer). */
  int(...args: UplcArg[]): bigint | undefined {
    const r = this.run(...args);
    return r.ok && typeof r.value === "bigint" ? r.value : undefined;
  }

  /** The boolean result, or undefined when the evaluation fails. */
  bool(...args: UplcArg[]): boolean | undefined {
    const r = this.run(...args);
    return r.ok && typeof r.value === "boolean" ? r.value : undefined;
  }

  /** The byte-string result as hex, or undefined when the evaluation fails. */
  bytes(...args: UplcArg[]): string | undefined {
    const r = this.run(...args);
    return r.ok && typeof r.value === "string" ? r.value : undefined;
  }
}

function normalize(v: unknown): unknown {
  if (v instanceof ByteString) return v.toString();
  return v;
}
