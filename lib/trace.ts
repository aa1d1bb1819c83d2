/**
 * Traced and untraced builds.
 *
 * Why: tests must see which check stopped a transaction (each check has its own message),
 * while the deployed scripts should not pay for the strings. plu-ts' `removeTraces` compiler
 * option has no effect, so the build chooses the mode here before it constructs any
 * validator term; validators are built by functions, never at module top level.
 *
 * How: `check(msg, cond)` is `ptraceIfFalse msg cond` in the traced build and `cond` in the
 * untraced one; `fail(msg, type)` is a traced `perror`.
 */
import { pdelay, perror, pif, pStr, ptraceError, ptraceIfFalse, unit, type PBool, type Term, type TermType } from "@harmoniclabs/plu-ts";

let traced = true;

/** Selects the build mode for the terms constructed after this call. */
export function setTraced(on: boolean): void {
  traced = on;
}

export function isTraced(): boolean {
  return traced;
}

/** `cond`, and in the traced build the message `msg` in the logs when it is false. */
export function check(msg: string, cond: Term<PBool>): Term<PBool> {
  return traced ? (ptraceIfFalse.$(pdelay(pStr(msg))).$(cond) as any) : cond;
}

/** An error of the given type, with `msg` in the logs in the traced build. */
export function fail<T extends TermType>(msg: string, type: T = unit as any): Term<any> {
  return traced ? (ptraceError(type) as any).$(pStr(msg)) : perror(type);
}

/** `value` when `cond` holds; otherwise an error (traced with `msg`). */
export function guarded<T extends TermType>(msg: string, cond: Term<PBool>, value: Term<any>, type: T): Term<any> {
  return (pif(type) as any).$(cond).then(value).else(fail(msg, type));
}
