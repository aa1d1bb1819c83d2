// Why: scores, ranks and percentiles must be compared and published exactly (the spec's
// 0.38 / 0.29 / 0.33 and its band edges such as "exactly 96%"); binary floating point can
// do neither. A tiny exact rational type over bigint is all the economics needs.
//
// How: a Rational is an immutable pair (num, den) with den > 0 and gcd(|num|, den) = 1,
// built by Rational.of(), which normalizes. Arithmetic returns new normalized values.
// toString() gives the canonical "n/d" (always with a denominator, "0/1", "1/1").
import { MAX_SAFE_BIG, factorize } from "./factor.js";

/** Greatest common divisor of two bigints (non-negative result; gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    // Finish in exact integer Number arithmetic once both fit below 2^53 (much faster than bigint).
    if (a <= MAX_SAFE && b <= MAX_SAFE) return BigInt(gcdSmall(Number(a), Number(b)));
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

const MAX_SAFE = MAX_SAFE_BIG;

/** gcd of two non-negative safe integers. */
function gcdSmall(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** One piece of a shared denominator (see Rational.overFactors). */
type Piece =
  | { kind: 0; big: bigint; primes: number[]; exps: number[] } // ≤ 2^53, prime powers known
  | { kind: 1; big: bigint; small: number } // ≤ 2^53
  | { kind: 2; big: bigint }; // anything

function genericPlan(factors: readonly bigint[]): Piece[] {
  return factors.filter((f) => f !== 1n).map((f) => (f <= MAX_SAFE ? { kind: 1, big: f, small: Number(f) } : { kind: 2, big: f }));
}

/** Factorize the denominator and pack its prime powers into few pieces ≤ 2^53 (first fit). */
function factoredPlan(factors: readonly bigint[], budget: number): Piece[] {
  const primes = new Map<bigint, number>();
  const rest: bigint[] = [];
  for (const f of factors) {
    if (f === 1n) continue;
    const fz = factorize(f, budget);
    for (const [p, e] of fz.primes) primes.set(p, (primes.get(p) ?? 0) + e);
    rest.push(...fz.unfactored);
  }
  // prime powers as chunks p^k ≤ 2^53 (a larger prime stands alone and goes to the generic path)
  const chunks: { p: bigint; e: number; v: bigint }[] = [];
  for (const [p, e] of primes) {
    if (p > MAX_SAFE) {
      for (let i = 0; i < e; i++) rest.push(p);
      continue;
    }
    let left = e;
    while (left > 0) {
      let k = 0;
      let v = 1n;
      while (k < left && v * p <= MAX_SAFE) {
        v *= p;
        k++;
      }
      chunks.push({ p, e: k, v });
      left -= k;
    }
  }
  chunks.sort((a, b) => (a.v > b.v ? -1 : a.v < b.v ? 1 : 0));
  const bins: { big: bigint; primes: number[]; exps: number[] }[] = [];
  for (const c of chunks) {
    // a prime may appear in several chunks; keep each bin's primes distinct
    const bin = bins.find((b) => b.big * c.v <= MAX_SAFE && !b.primes.includes(Number(c.p)));
    if (bin) {
      bin.big *= c.v;
      bin.primes.push(Number(c.p));
      bin.exps.push(c.e);
    } else bins.push({ big: c.v, primes: [Number(c.p)], exps: [c.e] });
  }
  return [...bins.map((b) => ({ kind: 0 as const, ...b })), ...genericPlan(rest)];
}

export class Rational {
  /** Numerator (sign carrier). */
  readonly num: bigint;
  /** Denominator, always > 0. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** The normalized fraction num/den. Throws on a zero denominator. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError("rational with zero denominator");
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (num === 0n) return new Rational(0n, 1n);
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /**
   * A normalizer for many fractions num / (f_0 · f_1 · …) sharing one denominator given as
   * positive factors; same results as Rational.of(num, Π f_i), but much faster. It relies on
   * gcd(n, a·b) = gcd(n, a) · gcd(n / gcd(n, a), b) (true for any a, b) and gcd(n, f) =
   * gcd(n mod f, f). With `expectedUses` ≥ 1024 the denominator is factorized once (factor.ts)
   * and regrouped into pieces ≤ 2^53 of known primes: each piece then costs one bigint
   * remainder r plus exact integer tests p^j | r (p^j | piece ⇒ p^j | n ⇔ p^j | r).
   */
  static overFactors(denFactors: readonly bigint[], expectedUses = 0): (num: bigint) => Rational {
    let den = 1n;
    for (const f of denFactors) {
      if (f <= 0n) throw new RangeError("denominator factors must be positive");
      den *= f;
    }
    const plan = expectedUses >= 1024 ? factoredPlan(denFactors, Math.min(200_000, Math.floor(expectedUses / 4))) : genericPlan(denFactors);
    return (num: bigint): Rational => {
      if (num === 0n) return new Rational(0n, 1n);
      const neg = num < 0n;
      let rest = neg ? -num : num;
      let common = 1n;
      for (let i = 0; i < plan.length; i++) {
        const piece = plan[i]!;
        let g: bigint;
        if (piece.kind === 0) {
          // piece ≤ 2^53 with known prime powers
          const r = Number(rest % piece.big);
          if (r === 0) g = piece.big;
          else {
            let gs = 1;
            const ps = piece.primes;
            const es = piece.exps;
            for (let j = 0; j < ps.length; j++) {
              const p = ps[j]!;
              if (r % p !== 0) continue;
              let pj = p;
              for (let e = 1; e < es[j]! && r % (pj * p) === 0; e++) pj *= p;
              gs *= pj;
            }
            if (gs === 1) continue;
            g = BigInt(gs);
          }
        } else if (piece.kind === 1) {
          // any piece ≤ 2^53: Euclid in integer Number arithmetic
          const gs = gcdSmall(Number(rest % piece.big), piece.small);
          if (gs === 1) continue;
          g = BigInt(gs);
        } else {
          g = gcd(rest % piece.big, piece.big);
          if (g === 1n) continue;
        }
        rest /= g;
        common *= g;
      }
      return new Rational(neg ? -rest : rest, common === 1n ? den : den / common);
    };
  }

  /** r2 / 2 for a safe integer r2 (an average rank), normalized without a gcd. */
  static half(r2: number): Rational {
    if (!Number.isSafeInteger(r2)) throw new RangeError("not a safe integer");
    return r2 % 2 === 0 ? new Rational(BigInt(r2 / 2), 1n) : new Rational(BigInt(r2), 2n);
  }

  /**
   * Like ofSafeIntegers, for many fractions with few distinct reduced denominators
   * (percentiles over one N): the denominators' bigints are cached and shared.
   */
  static safeIntegerFactory(): (num: number, den: number) => Rational {
    const dens = new Map<number, bigint>();
    return (num, den) => {
      if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) throw new RangeError("need safe integers and den > 0");
      if (num === 0) return new Rational(0n, 1n);
      const g = gcdSmall(num < 0 ? -num : num, den);
      const d = den / g;
      let dBig = dens.get(d);
      if (dBig === undefined) dens.set(d, (dBig = BigInt(d)));
      return new Rational(BigInt(num / g), dBig);
    };
  }

  /** The normalized fraction num/den of two safe integers (den ≠ 0), computed without bigint gcd. */
  static ofSafeIntegers(num: number, den: number): Rational {
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) throw new RangeError("not safe integers");
    if (den === 0) throw new RangeError("rational with zero denominator");
    if (den < 0) {
      num = -num;
      den = -den;
    }
    if (num === 0) return new Rational(0n, 1n);
    const g = gcdSmall(num < 0 ? -num : num, den);
    return new Rational(BigInt(num / g), BigInt(den / g));
  }

  /** An integer as a rational. */
  static int(n: bigint | number): Rational {
    return new Rational(BigInt(n), 1n);
  }

  /** Parse "n/d" or "n" (integers, optional sign on n). */
  static parse(text: string): Rational {
    const m = /^(-?\d+)(?:\/(\d+))?$/.exec(text.trim());
    if (!m) throw new SyntaxError(`not a rational: ${JSON.stringify(text)}`);
    return Rational.of(BigInt(m[1]!), m[2] === undefined ? 1n : BigInt(m[2]));
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError("division by zero");
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  /** −1, 0 or 1 as this <, =, > o. */
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  /** ⌊this⌋. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Canonical "n/d". */
  toString(): string {
    return `${this.num}/${this.den}`;
  }

  /** JSON form is the canonical string. */
  toJSON(): string {
    return this.toString();
  }

  /**
   * Decimal string rounded half away from zero to `digits` decimals — for human-readable
   * display only (tables); exact values are published as "n/d".
   */
  toFixed(digits: number): string {
    if (!Number.isInteger(digits) || digits < 0) throw new RangeError("digits must be a non-negative integer");
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scale = 10n ** BigInt(digits);
    const q = (2n * abs * scale + this.den) / (2n * this.den);
    const whole = (q / scale).toString();
    const frac = digits === 0 ? "" : "." + (q % scale).toString().padStart(digits, "0");
    return `${neg && q !== 0n ? "-" : ""}${whole}${frac}`;
  }
}
