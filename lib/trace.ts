/**
 * Traced and untraced builds (docs/design.md §8).
 *
 * Why: tests must see which check stopped a transaction (each check has its own message),
 * while the deployed scripts should not pay for the strings. plu-ts' `removeTraces` compiler
 * option has no effect, so the build chooses the mode here before it constructs any
 * validator term; validators are built by functions, never at module top level.
 *
 * How: `check(msg, cond)` is `ptraceIfFalse msg cond` in the traced build and `cond` in the
 * untraced one; `fail(msg, type)` is a traced `perror`; `guarded(msg, cond, value, type)` is
 * `value` when `cond` holds and `fail(msg)` otherwise. A term that must be shared as a
 * module-level constant (e.g. `pemission`) is wrapped in `modal(build)`: the wrapper builds
 * the term on first use in each mode, so it follows the mode set when the validator is built
 * even though the module was imported earlier.
 */
import {
  addUtilityForType,
  bool,
  Term,
  pdelay,
  perror,
  pif,
  pStr,
  ptrace,
  ptraceError,
  ptraceIfFalse,
  unit,
  type PBool,
  type TermBool,
  type TermType,
} from "@harmoniclabs/plu-ts";

let traced = true;

/** Selects the build mode for the terms constructed after this call. */
export function setTraced(on: boolean): void {
  traced = on;
}

/** The current build mode (true = traced). */
export function isTraced(): boolean {
  return traced;
}

/** Runs `build` in the given mode and restores the previous mode afterwards. */
export function withTraced<R>(on: boolean, build: () => R): R {
  const before = traced;
  traced = on;
  try {
    return build();
  } finally {
    traced = before;
  }
}

const toBool = addUtilityForType(bool) as (t: Term<PBool>) => TermBool;

/** `cond`, and in the traced build the message `msg` in the logs when it is false. */
export function check(msg: string, cond: Term<PBool>): TermBool {
  // JETPACK_TRACE_ENTRY=1 (debugging only): also log each check as it starts.
  if (traced && process.env.JETPACK_TRACE_ENTRY) cond = (ptrace(bool) as any).$(pStr("? " + msg)).$(cond);
  return traced ? ptraceIfFalse.$(pdelay(pStr(msg))).$(cond) : toBool(cond);
}

/** An error of the given type (unit by default), with `msg` in the logs in the traced build. */
export function fail<T extends TermType>(msg: string, type: T = unit as any): Term<any> {
  const t = traced ? (ptraceError(type) as any).$(pStr(msg)) : perror(type);
  return addUtilityForType(type)(t) as any;
}

/** `value` when `cond` holds, otherwise `fail(msg, type)`. */
export function guarded<T extends TermType>(
  msg: string,
  cond: Term<PBool>,
  value: Term<any>,
  type: T,
): Term<any> {
  return (pif(type) as any).$(cond).then(value).else(fail(msg, type));
}

/**
 * A term that is built lazily, once per build mode, the first time it is used in that mode.
 * Every property access (`.$`, `.toIR`, `.type`, utility methods…) is forwarded to the term
 * built for the mode current at that moment, so a module-level constant made with `modal`
 * follows `setTraced` like a term built by a function.
 */
export function modal<T extends object>(build: () => T): T {
  const cache: { traced?: T; untraced?: T } = {};
  const current = (): any => {
    if (traced) return (cache.traced ??= withTraced(true, build));
    return (cache.untraced ??= withTraced(false, build));
  };
  return new Proxy({} as T, {
    get: (_t, prop) => {
      const term = current();
      const v = term[prop];
      return typeof v === "function" && prop !== "constructor" ? v.bind(term) : v;
    },
    has: (_t, prop) => prop in current(),
    getPrototypeOf: () => Object.getPrototypeOf(current()),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_t, prop) => {
      const d = Object.getOwnPropertyDescriptor(current(), prop);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}
