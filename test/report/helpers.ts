// Why: report tests need realistic multi-epoch metrics that are the same on every run.
// How: a small LCG (no Math.random) writes { epochs: [ { services } … ] } in the simulate format.
import { type ServiceMetrics } from "../../offchain/economics/scoring.js";

/** `epochs` epochs of `services` services each, metrics from seed; a few ties on purpose. */
export function syntheticMetrics(epochs: number, services: number, seed = 1): { epochs: { services: ServiceMetrics[] }[] } {
  let s = BigInt(seed) & 0xffffffffn;
  const next = (mod: bigint) => {
    s = (s * 1103515245n + 12345n) & 0x7fffffffn;
    return s % mod;
  };
  return {
    epochs: Array.from({ length: epochs }, () => ({
      services: Array.from({ length: services }, (_, i) => {
        // services 0 and 1 always tie; others vary widely (some zero metrics)
        const id = `svc-${String(i).padStart(3, "0")}`;
        if (i < 2) return { id, m1: 700n, m2: 40n, m3: 90n };
        return { id, m1: next(5000n), m2: next(300n), m3: next(2000n) };
      }),
    })),
  };
}

/** The same metrics as a JSON-ready simulate input file (metrics as decimal strings). */
export function metricsFile(m: { epochs: { services: ServiceMetrics[] }[] }, extra: Record<string, unknown> = {}): unknown {
  return {
    ...extra,
    epochs: m.epochs.map((e) => ({ services: e.services.map((x) => ({ id: x.id, m1: x.m1.toString(), m2: x.m2.toString(), m3: x.m3.toString() })) })),
  };
}
