// Why: the spec's worked examples are the acceptance figures of the economics; the demo, the
// README and the tests all replay the same data, so it lives in one place.
//
// How: plain data. Epoch 1 uses the spec's metric table (scores 0.38 / 0.29 / 0.33). The spec
// gives only the epoch-2 scores (A 0.40, C 0.35, B 0.25), so the metrics below were chosen to
// produce exactly those scores, including a zero metric:
//   A: 0.5·500/1000 + 0.3·50/100 + 0.2·0/1000   = 0.25 + 0.15 + 0    = 0.40
//   B: 0.5·200/1000 + 0.3·10/100 + 0.2·600/1000 = 0.10 + 0.03 + 0.12 = 0.25
//   C: 0.5·300/1000 + 0.3·40/100 + 0.2·400/1000 = 0.15 + 0.12 + 0.08 = 0.35
import { type ServiceMetrics } from "./scoring.js";

/** The spec's three-service metric table (epoch 1 of the worked example). */
export const SPEC_EPOCH1_SERVICES: readonly ServiceMetrics[] = Object.freeze([
  { id: "A", m1: 500n, m2: 150n, m3: 200n },
  { id: "B", m1: 300n, m2: 200n, m3: 100n },
  { id: "C", m1: 200n, m2: 150n, m3: 700n },
]);

/** Metrics giving the spec's epoch-2 scores A 0.40, B 0.25, C 0.35. */
export const SPEC_EPOCH2_SERVICES: readonly ServiceMetrics[] = Object.freeze([
  { id: "A", m1: 500n, m2: 50n, m3: 0n },
  { id: "B", m1: 200n, m2: 10n, m3: 600n },
  { id: "C", m1: 300n, m2: 40n, m3: 400n },
]);

/** The two-epoch worked scenario, in simulate() form. */
export const SPEC_TWO_EPOCH_SCENARIO = Object.freeze([
  { services: SPEC_EPOCH1_SERVICES },
  { services: SPEC_EPOCH2_SERVICES },
]);
