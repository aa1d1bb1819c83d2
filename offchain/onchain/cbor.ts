/**
 * The one CBOR shape scripts come in: a byte string (major type 2) around the flat program
 * (blueprint `compiledCode`), possibly wrapped twice (a ledger script).
 */

/** The bytes inside one CBOR byte-string header (definite length). */
export function decodeCborBytes(b: Uint8Array): Uint8Array {
  const head = b[0]!;
  if (head >> 5 !== 2) throw new Error(`not a CBOR byte string (first byte 0x${head.toString(16)})`);
  const info = head & 0x1f;
  let len: number;
  let off: number;
  if (info < 24) [len, off] = [info, 1];
  else if (info === 24) [len, off] = [b[1]!, 2];
  else if (info === 25) [len, off] = [(b[1]! << 8) | b[2]!, 3];
  else if (info === 26) [len, off] = [((b[1]! << 24) >>> 0) + (b[2]! << 16) + (b[3]! << 8) + b[4]!, 5];
  else throw new Error(`unsupported CBOR byte-string length (info ${info})`);
  if (off + len !== b.length) throw new Error(`CBOR byte string of ${len} bytes in ${b.length - off}`);
  return b.subarray(off, off + len);
}

/** CBOR major type 2 (byte string) header + bytes. */
export function cborBytes(b: Uint8Array): Uint8Array {
  const n = b.length;
  let head: number[];
  if (n < 24) head = [0x40 | n];
  else if (n < 0x100) head = [0x58, n];
  else if (n < 0x10000) head = [0x59, n >> 8, n & 0xff];
  else head = [0x5a, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  out.set(b, head.length);
  return out;
}
