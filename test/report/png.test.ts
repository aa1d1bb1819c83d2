/**
 * The screenshot test's PNG reader (./png.ts): round trips through every scanline filter,
 * reads grey, RGB and palette images, and rejects broken files.
 */
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type Image, crc32, decodePng, encodePng, hexColor, near, rgbAt } from "./png.js";

function testImage(width: number, height: number, seed: number): Image {
  const rgba = new Uint8Array(width * height * 4);
  let s = seed;
  for (let i = 0; i < rgba.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    // smooth gradients plus noise, so every filter sees both
    rgba[i] = ((i % 4) * 60 + ((i >> 2) % width) * 3 + ((s >>> 16) & 15)) & 255;
  }
  return { width, height, rgba };
}

/** A PNG of raw (already filtered) scanlines with any IHDR. */
function rawPng(width: number, height: number, depth: number, colorType: number, scanlines: number[][], extra: [string, number[]][] = []): Buffer {
  const chunk = (type: string, body: Uint8Array) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    ...extra.map(([t, b]) => chunk(t, Buffer.from(b))),
    chunk("IDAT", deflateSync(Buffer.from(scanlines.flat()))),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

describe("PNG reader", () => {
  it("crc32 is the PNG/zlib CRC", () => {
    expect(crc32(Buffer.from("IEND", "latin1"))).toBe(0xae426082);
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  for (const filters of [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 2, 1, 0]]) {
    it(`round trips RGBA through filters ${filters.join(",")}`, () => {
      const img = testImage(37, 23, filters.length * 7 + filters[0]!);
      const back = decodePng(encodePng(img, filters));
      expect([back.width, back.height]).toEqual([37, 23]);
      expect(Buffer.from(back.rgba).equals(Buffer.from(img.rgba))).toBe(true);
    });
  }

  it("reads 8-bit grey, 16-bit RGB and palette images", () => {
    const grey = decodePng(rawPng(2, 2, 8, 0, [[0, 0, 255], [2, 10, 0]]));
    expect(Array.from(grey.rgba)).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 10, 10, 10, 255, 255, 255, 255, 255]);
    const rgb16 = decodePng(rawPng(1, 1, 16, 2, [[0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]]));
    expect(Array.from(rgb16.rgba)).toEqual([0x12, 0x56, 0x9a, 255]);
    const pal = decodePng(rawPng(2, 1, 8, 3, [[0, 1, 0]], [["PLTE", [1, 2, 3, 200, 100, 50]], ["tRNS", [0]]]));
    expect(Array.from(pal.rgba)).toEqual([200, 100, 50, 255, 1, 2, 3, 0]);
    expect(rgbAt(pal, 0, 0)).toBe(0xc86432);
  });

  it("rejects broken files", () => {
    const good = encodePng(testImage(4, 4, 1));
    expect(() => decodePng(Buffer.from("not a png at all"))).toThrow(/signature/);
    const badCrc = Buffer.from(good);
    badCrc[good.length - 20] ^= 1; // inside IDAT
    expect(() => decodePng(badCrc)).toThrow(/CRC/);
    expect(() => decodePng(good.subarray(0, good.length - 12))).toThrow(/IEND/);
    expect(() => decodePng(rawPng(1, 1, 8, 2, [[7, 0, 0, 0]]))).toThrow(/filter type 7/);
    expect(() => decodePng(rawPng(2, 2, 8, 2, [[0, 0, 0, 0]]))).toThrow(/expected/);
    expect(() => decodePng(rawPng(1, 1, 4, 0, [[0, 0]]))).toThrow(/bit depth/);
  });

  it("colour helpers", () => {
    expect(hexColor("#1f5fae")).toBe(0x1f5fae);
    expect(near(0x1f5fae, 0x235bb0, 4)).toBe(true);
    expect(near(0x1f5fae, 0x1f5fbe, 4)).toBe(false);
  });
});
