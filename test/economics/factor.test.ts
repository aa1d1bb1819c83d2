import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MR_DETERMINISTIC_BOUND, factorize, isProbablePrime } from "../../offchain/economics/factor.js";
import { Rational } from "../../offchain/economics/rational.js";

const product = (f: ReturnType<typeof factorize>) =>
  [...f.primes].reduce((a, [p, e]) => a * p ** BigInt(e), 1n) * f.unfactored.reduce((a, b) => a * b, 1n);

/** Slow but obviously correct primality test for small numbers. */
function trialPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (let d = 2n; d * d <= n; d++) if (n % d === 0n) return false;
  return true;
}

describe("factorize", () => {
  it("recognises primes and composites (Miller–Rabin against trial division)", () => {
    for (let n = 0n; n < 5000n; n++) expect(isProbablePrime(n)).toBe(trialPrime(n));
    expect(isProbablePrime(2n ** 61n - 1n)).toBe(true);
    expect(isProbablePrime(3215031751n)).toBe(false); // strong pseudoprime to bases 2, 3, 5, 7
    expect(isProbablePrime(4294967291n * 4294967279n)).toBe(false);
  });

  it("the factors multiply back to n and the reported primes are prime", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 24n }), (n) => {
        const f = factorize(n, 20_000);
        expect(product(f)).toBe(n);
        for (const p of f.primes.keys()) {
          expect(p < MR_DETERMINISTIC_BOUND).toBe(true);
          expect(isProbablePrime(p)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("splits semiprimes of two 32-bit primes and prime powers", () => {
    const f = factorize(4294967291n * 4294967279n);
    expect([...f.primes.keys()].sort()).toEqual([4294967279n, 4294967291n]);
    expect(factorize(2n ** 70n * 3n ** 5n).primes).toEqual(new Map([[2n, 70], [3n, 5]]));
  });

  it("gives up within the budget and reports the cofactor as unfactored", () => {
    const n = (2n ** 89n - 1n) * (2n ** 61n - 1n);
    const f = factorize(n, 1000);
    expect(product(f)).toBe(n);
    expect(f.unfactored.length).toBeGreaterThan(0);
  });
});

describe("normalizing many scores over one factored denominator", () => {
  const factorArb = fc.oneof(
    fc.bigInt({ min: 1n, max: 10n ** 6n }),
    fc.bigInt({ min: 1n, max: 10n ** 20n }),
    fc.constantFrom(2n ** 60n, 3n ** 40n, 2n ** 61n - 1n, 4294967291n * 4294967279n, 10000n, 2n ** 127n - 1n, (2n ** 89n - 1n) * 6n),
  );

  it("gives exactly Rational.of's result", () => {
    fc.assert(
      fc.property(fc.array(factorArb, { maxLength: 4 }), fc.array(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), { minLength: 1, maxLength: 30 }), fc.boolean(), (factors, nums, multiplyIn) => {
        const den = factors.reduce((a, b) => a * b, 1n);
        const norm = Rational.overFactors(factors, 1_000_000);
        for (const x of nums) {
          const n = multiplyIn ? x * (den / (factors[0] ?? 1n)) : x; // share many factors with den
          expect(norm(n).toString()).toBe(Rational.of(n, den).toString());
        }
      }),
      { numRuns: 300 },
    );
  });
});
