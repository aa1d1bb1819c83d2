/**
 * Claimed-bit bitmaps (docs/design.md §7), off-chain twin of lib/bitmap.ts. Bitmaps are hex
 * strings as in the pool datum codec.
 *
 * Bit of index i = bit (i mod 8), least significant first, of byte ⌊i/8⌋. Bytes past the
 * end read as 0; setting a bit past the end appends zero bytes. Setting is idempotent.
 * On-chain a single `set` can append at most 8192 bytes (integerToByteString's width
 * limit); `setBit` refuses what the chain would refuse.
 */
export const MAX_APPEND_BYTES = 8192;

function checkIndex(index: number | bigint): number {
  const i = Number(index);
  if (!Number.isSafeInteger(i) || i < 0) throw new RangeError(`bitmap index must be a non-negative integer, got ${String(index)}`);
  return i;
}

function checkHex(bitmap: string): void {
  if (bitmap.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(bitmap)) throw new RangeError(`bitmap is not hex: ${bitmap.slice(0, 40)}`);
}

/** Whether bit `index` of the bitmap is set. */
export function isBitSet(bitmap: string, index: number | bigint): boolean {
  checkHex(bitmap);
  const i = checkIndex(index);
  const byteIx = Math.floor(i / 8);
  if (byteIx >= bitmap.length / 2) return false;
  const byte = parseInt(bitmap.slice(2 * byteIx, 2 * byteIx + 2), 16);
  return ((byte >> (i % 8)) & 1) === 1;
}

/** The bitmap with bit `index` set (hex, lowercase). */
export function setBit(bitmap: string, index: number | bigint): string {
  checkHex(bitmap);
  const i = checkIndex(index);
  const byteIx = Math.floor(i / 8);
  const len = bitmap.length / 2;
  if (byteIx - len + 1 > MAX_APPEND_BYTES) {
    throw new RangeError(`setting bit ${i} would append ${byteIx - len + 1} bytes to a ${len}-byte bitmap; at most ${MAX_APPEND_BYTES} at once`);
  }
  const bytes = new Uint8Array(Math.max(len, byteIx + 1));
  bytes.set(Buffer.from(bitmap, "hex"));
  bytes[byteIx] = bytes[byteIx]! | (1 << (i % 8));
  return Buffer.from(bytes).toString("hex");
}

/** A bitmap with exactly the given bits set (shortest form). */
export function bitmapOf(indexes: Iterable<number | bigint>): string {
  let bm = "";
  for (const i of indexes) bm = setBit(bm, i);
  return bm;
}

/** The indexes set in a bitmap, ascending. */
export function setBits(bitmap: string): number[] {
  checkHex(bitmap);
  const out: number[] = [];
  const bytes = Buffer.from(bitmap, "hex");
  bytes.forEach((b, j) => {
    for (let k = 0; k < 8; k++) if ((b >> k) & 1) out.push(8 * j + k);
  });
  return out;
}

/**
 * The most leaves one shard may hold. A claim appends the bitmap in one
 * integer_to_bytearray of at most 8,192 bytes, so in a larger shard an index past 65,535
 * could not be claimed while the bitmap is still short; and the bitmap (8 KB here) rides in
 * every claim of the shard. Measured: the claim of leaf 65,535 of a 65,536-leaf shard (test
 * test/tx/attacks/pool.limit.test.ts, docs/design.md §10).
 */
export const MAX_LEAVES_PER_SHARD = 65_536;
