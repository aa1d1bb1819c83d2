// Why: one import path for the SDK's exact economics (emission schedule, scores, levels,
// caps, allocation, carry-over simulation), so callers never reach into module files.
// How: re-exports only; every module is pure and has no side effects at import time.
export * from "./emission.js";
export * from "./rational.js";
export * from "./errors.js";
export * from "./scoring.js";
export * from "./allocation.js";
export * from "./simulate.js";
export * from "./examples.js";
