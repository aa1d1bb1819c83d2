// Why: the property tests share their generators. How: small metric ranges make ties common;
// ids are unique by construction; weights always sum to 10000.
import fc from "fast-check";
import { type ServiceMetrics } from "../../offchain/economics/index.js";

export const metric = (max = 50n) => fc.bigInt({ min: 0n, max });

export const servicesArb = (maxLength = 25, max = 50n): fc.Arbitrary<ServiceMetrics[]> =>
  fc
    .array(fc.tuple(metric(max), metric(max), metric(max)), { minLength: 0, maxLength })
    .map((rows) => rows.map(([m1, m2, m3], i) => ({ id: `s${i}`, m1, m2, m3 })));

export const weightsArb: fc.Arbitrary<number[]> = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .map(([a, b]) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return [lo, hi - lo, 10000 - hi];
  });

export const fTotalArb = fc.bigInt({ min: 0n, max: 10n ** 13n });

export const capsArb: fc.Arbitrary<bigint[]> = fc.array(fc.bigInt({ min: 0n, max: 10n ** 11n }), { minLength: 9, maxLength: 9 });

/** A random permutation of 0…n−1 drawn from a list of sort keys. */
export function permutation(keys: readonly number[], n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}
