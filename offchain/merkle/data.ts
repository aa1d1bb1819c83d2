/**
 * Plutus Data → CBOR, byte for byte as the ledger's `serialiseData` (the on-chain builtin):
 * Constr i with i < 7 as tag 121+i, 7 ≤ i < 128 as tag 1280+i−7, otherwise tag 102 [i, fields];
 * non-empty lists and fields as indefinite-length arrays (empty ones as 0x80); maps with a
 * definite length; integers within 64 bits as CBOR integers, larger ones as tagged bignums;
 * byte strings up to 64 bytes definite, longer ones as indefinite strings of 64-byte chunks.
 * test/offchain/merkle.test.ts checks it against Lucid's `Data.to` and the on-chain builtin
 * (Lucid differs for constructor indexes ≥ 128: it writes the [i, fields] pair as an
 * indefinite array, the ledger as a definite one; leaves use constructor 0).
 */
export type PlutusValue =
  | bigint
  | Uint8Array
  | PlutusValue[]
  | { constr: number | bigint; fields: PlutusValue[] }
  | { map: [PlutusValue, PlutusValue][] };

class Writer {
  private buf = new Uint8Array(256);
  private n = 0;
  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.n++] = b;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  /** CBOR head: major type + argument (argument < 2^64). */
  head(major: number, arg: bigint | number): void {
    const m = major << 5;
    if (typeof arg === "bigint" && arg < 0x100000000n) arg = Number(arg);
    if (typeof arg === "number") {
      this.room(5);
      const b = this.buf;
      if (arg < 24) b[this.n++] = m | arg;
      else if (arg < 0x100) {
        b[this.n++] = m | 24;
        b[this.n++] = arg;
      } else if (arg < 0x10000) {
        b[this.n++] = m | 25;
        b[this.n++] = arg >>> 8;
        b[this.n++] = arg & 0xff;
      } else {
        b[this.n++] = m | 26;
        b[this.n++] = arg >>> 24;
        b[this.n++] = (arg >>> 16) & 0xff;
        b[this.n++] = (arg >>> 8) & 0xff;
        b[this.n++] = arg & 0xff;
      }
      return;
    }
    this.byte(m | 27);
    for (let s = 56n; s >= 0n; s -= 8n) this.byte(Number((arg >> s) & 0xffn));
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

const U64 = 1n << 64n;

function bigintBytes(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0);
  const hex = v.toString(16);
  return Uint8Array.from(Buffer.from(hex.length % 2 ? "0" + hex : hex, "hex"));
}

function writeBytes(w: Writer, b: Uint8Array): void {
  if (b.length <= 64) {
    w.head(2, b.length);
    w.bytes(b);
    return;
  }
  w.byte(0x5f);
  for (let i = 0; i < b.length; i += 64) {
    const chunk = b.subarray(i, Math.min(i + 64, b.length));
    w.head(2, chunk.length);
    w.bytes(chunk);
  }
  w.byte(0xff);
}

function writeList(w: Writer, items: PlutusValue[]): void {
  if (items.length === 0) {
    w.byte(0x80);
    return;
  }
  w.byte(0x9f);
  for (const x of items) write(w, x);
  w.byte(0xff);
}

function write(w: Writer, d: PlutusValue): void {
  if (typeof d === "bigint") {
    if (d >= 0n && d < U64) w.head(0, d);
    else if (d < 0n && -1n - d < U64) w.head(1, -1n - d);
    else {
      w.head(6, d >= 0n ? 2 : 3);
      writeBytes(w, bigintBytes(d >= 0n ? d : -1n - d));
    }
  } else if (d instanceof Uint8Array) writeBytes(w, d);
  else if (Array.isArray(d)) writeList(w, d);
  else if ("map" in d) {
    w.head(5, d.map.length);
    for (const [k, v] of d.map) {
      write(w, k);
      write(w, v);
    }
  } else {
    const i = BigInt(d.constr);
    if (i < 0n) throw new RangeError("negative constructor index");
    if (i < 7n) w.head(6, 121n + i);
    else if (i < 128n) w.head(6, 1280n + i - 7n);
    else {
      w.head(6, 102);
      w.byte(0x82);
      write(w, i);
      writeList(w, d.fields);
      return;
    }
    writeList(w, d.fields);
  }
}

/** The CBOR of a Plutus Data value, identical to the on-chain `serialiseData`. */
export function serialiseData(d: PlutusValue): Uint8Array {
  const w = new Writer();
  write(w, d);
  return w.result();
}
