import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rational, gcd } from "../../offchain/economics/rational.js";

describe("Rational", () => {
  it("normalizes sign and common factors", () => {
    expect(Rational.of(6n, -4n).toString()).toBe("-3/2");
    expect(Rational.of(0n, -7n).toString()).toBe("0/1");
    expect(Rational.of(38n, 100n).toString()).toBe("19/50");
    expect(Rational.int(5).toString()).toBe("5/1");
  });

  it("refuses a zero denominator", () => {
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
    expect(() => Rational.ofSafeIntegers(1, 0)).toThrow(RangeError);
  });

  it("does exact arithmetic and comparison", () => {
    const a = Rational.of(1n, 3n);
    const b = Rational.of(1n, 6n);
    expect(a.add(b).toString()).toBe("1/2");
    expect(a.sub(b).toString()).toBe("1/6");
    expect(a.mul(b).toString()).toBe("1/18");
    expect(a.div(b).toString()).toBe("2/1");
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(a.compare(Rational.of(2n, 6n))).toBe(0);
    expect(a.equals(Rational.of(2n, 6n))).toBe(true);
    expect(Rational.of(-7n, 2n).floor()).toBe(-4n);
    expect(Rational.of(7n, 2n).floor()).toBe(3n);
  });

  it("parses and prints the canonical n/d form", () => {
    expect(Rational.parse("10/4").toString()).toBe("5/2");
    expect(Rational.parse("-3").toString()).toBe("-3/1");
    expect(JSON.stringify({ r: Rational.of(1n, 3n) })).toBe('{"r":"1/3"}');
    expect(() => Rational.parse("1.5")).toThrow(SyntaxError);
  });

  it("rounds half away from zero for display only", () => {
    expect(Rational.of(200n, 3n).toFixed(2)).toBe("66.67");
    expect(Rational.of(100n, 3n).toFixed(2)).toBe("33.33");
    expect(Rational.of(1n, 2n).toFixed(0)).toBe("1");
    expect(Rational.of(-1n, 2n).toFixed(0)).toBe("-1");
    expect(Rational.of(-1n, 1000n).toFixed(2)).toBe("0.00");
  });

  it("gcd works across the bigint / safe-integer switch", () => {
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(2n ** 80n * 3n, 2n ** 70n * 9n)).toBe(2n ** 70n * 3n);
  });

  it("overFactors gives the same normalized value as Rational.of", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 20n }), { minLength: 0, maxLength: 4 }),
        (num, factors) => {
          const den = factors.reduce((a, b) => a * b, 1n);
          expect(Rational.overFactors(factors)(num).toString()).toBe(Rational.of(num, den).toString());
        },
      ),
      { numRuns: 500 },
    );
  });

  it("half and the cached safe-integer factory equal Rational.of", () => {
    const make = Rational.safeIntegerFactory();
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (n, d) => {
        expect(Rational.half(n).equals(Rational.of(BigInt(n), 2n))).toBe(true);
        expect(make(n, d).equals(Rational.of(BigInt(n), BigInt(d)))).toBe(true);
      }),
    );
    expect(() => make(1, 0)).toThrow(RangeError);
  });

  it("ofSafeIntegers equals Rational.of on the same integers", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (n, d) => {
        expect(Rational.ofSafeIntegers(n, d).equals(Rational.of(BigInt(n), BigInt(d)))).toBe(true);
      }),
    );
  });
});
