// Why: normalizing a million scores num_n / D (one shared denominator D) is the slowest step
// of a large allocation: a gcd per score. Knowing D's prime factorization once turns each gcd
// into one bigint remainder per ≤ 2^53 piece of D plus a few exact integer divisibility tests
// (see Rational.overFactors).
//
// How: trial division by the primes below 4096, then Pollard–Brent rho (with an iteration
// budget) on composite cofactors, Miller–Rabin (deterministic below 3.3·10^24) to prove
// primes. What cannot be split or proven within the budget is reported as `unfactored`;
// callers fall back to a plain gcd for it, so correctness never depends on this module.

export const MAX_SAFE_BIG = 0x1fffffffffffffn; // 2^53 − 1

const SMALL_PRIME_LIMIT = 1 << 12;
const SMALL_PRIMES: readonly bigint[] = (() => {
  const sieve = new Uint8Array(SMALL_PRIME_LIMIT + 1);
  const out: bigint[] = [];
  for (let i = 2; i <= SMALL_PRIME_LIMIT; i++) {
    if (sieve[i]) continue;
    out.push(BigInt(i));
    for (let j = i * i; j <= SMALL_PRIME_LIMIT; j += i) sieve[j] = 1;
  }
  return out;
})();

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** Miller–Rabin with the first 13 prime bases (deterministic below 3.3·10^24). */
export function isProbablePrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of SMALL_PRIMES.slice(0, 13)) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  outer: for (const a of SMALL_PRIMES.slice(0, 13)) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** A nontrivial factor of the odd composite n, or undefined within `budget` iterations. */
function pollardBrent(n: bigint, budget: number): bigint | undefined {
  for (let c = 1n; c < 20n && budget > 0; c++) {
    let y = 2n;
    let r = 1;
    let q = 1n;
    let g = 1n;
    let x = y;
    let ys = y;
    const m = 128;
    while (g === 1n && budget > 0) {
      x = y;
      for (let i = 0; i < r; i++) y = (y * y + c) % n;
      let k = 0;
      while (k < r && g === 1n) {
        ys = y;
        const lim = Math.min(m, r - k);
        for (let i = 0; i < lim; i++) {
          y = (y * y + c) % n;
          q = (q * (x > y ? x - y : y - x)) % n;
        }
        budget -= lim;
        g = gcd(q, n);
        k += m;
      }
      r *= 2;
    }
    if (g === n) {
      do {
        ys = (ys * ys + c) % n;
        g = gcd(x > ys ? x - ys : ys - x, n);
      } while (g === 1n);
    }
    if (g !== n && g !== 1n) return g;
  }
  return undefined;
}

/** Below this bound Miller–Rabin with the first 13 prime bases is deterministic. */
export const MR_DETERMINISTIC_BOUND = 3_317_044_064_679_887_385_961_981n;

export interface Factorization {
  /** Proven primes (and their exponents) dividing n. */
  readonly primes: Map<bigint, number>;
  /** Cofactors that could not be split within the budget (or are too large to prove prime). */
  readonly unfactored: bigint[];
}

/**
 * n = Π p^e · Π unfactored. Trial division by primes < 4096, then Pollard–Brent rho with an
 * iteration budget; a factor counts as prime only where that is proven (below the small-prime
 * square or the deterministic Miller–Rabin bound).
 */
export function factorize(n: bigint, budget = 200_000): Factorization {
  if (n < 1n) throw new RangeError("factorize needs n ≥ 1");
  const primes = new Map<bigint, number>();
  const unfactored: bigint[] = [];
  const add = (p: bigint) => primes.set(p, (primes.get(p) ?? 0) + 1);
  let rest = n;
  for (const p of SMALL_PRIMES) {
    if (p * p > rest) break;
    while (rest % p === 0n) {
      add(p);
      rest /= p;
    }
  }
  const limit2 = BigInt(SMALL_PRIME_LIMIT) ** 2n;
  const stack = [rest];
  while (stack.length) {
    const m = stack.pop()!;
    if (m === 1n) continue;
    // m has no prime factor < 4096 (it is a cofactor of the trial division), so below 4096² it is prime.
    if (m < limit2 || (m < MR_DETERMINISTIC_BOUND && isProbablePrime(m))) {
      add(m);
      continue;
    }
    const f = m < MR_DETERMINISTIC_BOUND || !isProbablePrime(m) ? pollardBrent(m, budget) : undefined;
    if (f === undefined) unfactored.push(m);
    else stack.push(f, m / f);
  }
  return { primes, unfactored };
}
