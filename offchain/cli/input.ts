// Why: CLI input files are JSON written by people and scripts; every defect must come back
// as one line naming the file, the JSON path and the problem, before any computation.
// How: read + JSON.parse with file-level errors, then typed converters that take the value
// and its path and throw InputError(path, problem); commands prefix the file name.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../economics/errors.js";
import { type ServiceMetrics } from "../economics/scoring.js";
import { UsageError } from "./command.js";

/** Reads and parses a JSON file; unreadable or malformed → UsageError naming the file. */
export function readJsonFile(file: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message;
    throw new UsageError(`cannot read input file ${file}: ${why}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
}

/** Runs fn; an InputError from it is re-thrown with the file name in front. */
export function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 40 ? s.slice(0, 37) + "..." : s;
}

export function expectObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InputError(path || "input", `must be a JSON object, got ${show(v)}`);
  return v as Record<string, unknown>;
}

export function expectArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new InputError(path, `must be an array, got ${show(v)}`);
  return v;
}

/** Rejects keys outside `allowed` (catches typos such as "weightBps"). */
export function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new InputError(path ? `${path}.${k}` : k, `unknown field (expected ${allowed.join(", ")})`);
  }
}

/** A non-negative integer given as a JSON integer or a decimal string. */
export function parseNonNegInt(v: unknown, path: string): bigint {
  if (v === undefined) throw new InputError(path, "missing field");
  if (typeof v === "number") {
    if (!Number.isFinite(v) || !Number.isInteger(v)) throw new InputError(path, `must be an integer, got ${show(v)}`);
    if (v < 0) throw new InputError(path, `must be a non-negative integer, got ${show(v)}`);
    if (!Number.isSafeInteger(v)) throw new InputError(path, `${show(v)} is too large for an exact JSON number; write it as a decimal string`);
    return BigInt(v);
  }
  if (typeof v === "string") {
    if (/^\d+$/.test(v)) return BigInt(v);
    if (/^-\d+$/.test(v)) throw new InputError(path, `must be a non-negative integer, got ${show(v)}`);
    throw new InputError(path, `must be an integer (digits only), got ${show(v)}`);
  }
  throw new InputError(path, `must be an integer or a decimal string, got ${show(v)}`);
}

/** A services array: [{ id, m1, m2, m3 }], ids unique. */
export function parseServices(v: unknown, path: string): ServiceMetrics[] {
  if (v === undefined) throw new InputError(path, "missing field");
  const arr = expectArray(v, path);
  const seen = new Map<string, number>();
  return arr.map((raw, i) => {
    const where = `${path}[${i}]`;
    const o = expectObject(raw, where);
    onlyKeys(o, ["id", "m1", "m2", "m3"], where);
    if (o.id === undefined) throw new InputError(`${where}.id`, "missing field");
    if (typeof o.id !== "string" || o.id.length === 0) throw new InputError(`${where}.id`, `must be a non-empty string, got ${show(o.id)}`);
    const first = seen.get(o.id);
    if (first !== undefined) throw new InputError(`${where}.id`, `duplicate service id ${show(o.id)} (first at ${path}[${first}])`);
    seen.set(o.id, i);
    return { id: o.id, m1: parseNonNegInt(o.m1, `${where}.m1`), m2: parseNonNegInt(o.m2, `${where}.m2`), m3: parseNonNegInt(o.m3, `${where}.m3`) };
  });
}

/** Optional weightsBps: an array of 3 JSON integers (validated fully by the economics). */
export function parseWeights(v: unknown, path = "weightsBps"): number[] | undefined {
  if (v === undefined) return undefined;
  const arr = expectArray(v, path);
  return arr.map((w, i) => {
    if (typeof w !== "number" || !Number.isInteger(w)) throw new InputError(`${path}[${i}]`, `must be an integer (basis points), got ${show(w)}`);
    return w;
  });
}

/** Optional capsPack: 9 Pack amounts (integers or decimal strings). */
export function parseCaps(v: unknown, path = "capsPack"): bigint[] | undefined {
  if (v === undefined) return undefined;
  return expectArray(v, path).map((c, i) => parseNonNegInt(c, `${path}[${i}]`));
}

/** The `jetpack simulate` input file: { weightsBps?, capsPack?, epochs: [ { services } … ] }
 *  (also read by `jetpack report`). */
export function parseSimulationFile(raw: unknown): { epochs: { services: ServiceMetrics[] }[]; weightsBps?: number[]; capsPack?: bigint[] } {
  const o = expectObject(raw, "");
  onlyKeys(o, ["weightsBps", "capsPack", "epochs"], "");
  const weightsBps = parseWeights(o.weightsBps);
  const capsPack = parseCaps(o.capsPack);
  if (o.epochs === undefined) throw new InputError("epochs", "missing field");
  const epochs = expectArray(o.epochs, "epochs").map((e, i) => {
    const eo = expectObject(e, `epochs[${i}]`);
    onlyKeys(eo, ["services"], `epochs[${i}]`);
    return { services: parseServices(eo.services, `epochs[${i}].services`) };
  });
  return { epochs, ...(weightsBps ? { weightsBps } : {}), ...(capsPack ? { capsPack } : {}) };
}
