// Why: the screenshot test must look at the pixels chromium produced, without adding an image
// dependency. How: a minimal PNG reader over node:zlib — chunks (CRC-checked), IHDR, PLTE/tRNS,
// concatenated IDAT inflated, scanlines unfiltered (None/Sub/Up/Average/Paeth); 8- and 16-bit
// grey, grey+alpha, RGB, RGBA and 8-bit palette images, not interlaced. Output is RGBA, 8 bit.
// encodePng() (RGBA, chosen filters) exists so the reader can be tested on known images.
import { deflateSync, inflateSync } from "node:zlib";

export interface Image {
  readonly width: number;
  readonly height: number;
  /** RGBA, 8 bits per channel, rows top to bottom. */
  readonly rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a PNG file into 8-bit RGBA. Throws on anything malformed or unsupported. */
export function decodePng(file: Uint8Array): Image {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG (bad signature)");
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (pos < buf.length) {
    if (pos + 12 > buf.length) throw new Error("truncated chunk");
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    if (pos + 12 + len > buf.length) throw new Error(`truncated ${type} chunk`);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (crc32(buf.subarray(pos + 4, pos + 8 + len)) !== buf.readUInt32BE(pos + 8 + len)) throw new Error(`bad CRC in ${type} chunk`);
    pos += 12 + len;
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      colorType = body[9]!;
      if (body[10] !== 0 || body[11] !== 0) throw new Error("unsupported compression or filter method");
      if (body[12] !== 0) throw new Error("interlaced PNGs are not supported");
    } else if (type === "PLTE") palette = Buffer.from(body);
    else if (type === "tRNS") trns = Buffer.from(body);
    else if (type === "IDAT") idat.push(Buffer.from(body));
    else if (type === "IEND") {
      ended = true;
      break;
    }
  }
  if (!ended) throw new Error("missing IEND");
  if (width === 0 || height === 0) throw new Error("missing or empty IHDR");
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new Error(`unsupported colour type ${colorType}`);
  if (!(depth === 8 || (depth === 16 && colorType !== 3))) throw new Error(`unsupported bit depth ${depth} for colour type ${colorType}`);
  if (colorType === 3 && !palette) throw new Error("palette image without PLTE");
  const bpp = channels * (depth / 8); // bytes per pixel
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (stride + 1)) throw new Error(`image data is ${raw.length} bytes, expected ${height * (stride + 1)}`);

  const lines = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const prev = dst - stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= bpp ? lines[dst + i - bpp]! : 0;
      const b = y > 0 ? lines[prev + i]! : 0;
      const c = y > 0 && i >= bpp ? lines[prev + i - bpp]! : 0;
      let v: number;
      switch (filter) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        case 4: v = x + paeth(a, b, c); break;
        default: throw new Error(`bad filter type ${filter} on row ${y}`);
      }
      lines[dst + i] = v & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  const step = depth / 8; // take the high byte of 16-bit samples
  for (let p = 0; p < width * height; p++) {
    const s = (k: number) => lines[p * bpp + k * step]!;
    let r: number, g: number, b: number, al = 255;
    if (colorType === 0) r = g = b = s(0);
    else if (colorType === 4) ((r = g = b = s(0)), (al = s(1)));
    else if (colorType === 2) ((r = s(0)), (g = s(1)), (b = s(2)));
    else if (colorType === 6) ((r = s(0)), (g = s(1)), (b = s(2)), (al = s(3)));
    else {
      const i = s(0);
      if (3 * i + 2 >= palette!.length) throw new Error(`palette index ${i} out of range`);
      r = palette![3 * i]!;
      g = palette![3 * i + 1]!;
      b = palette![3 * i + 2]!;
      if (trns && i < trns.length) al = trns[i]!;
    }
    rgba.set([r, g, b, al], p * 4);
  }
  return { width, height, rgba };
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  const typed = Buffer.concat([head.subarray(4), body]);
  crc.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes 8-bit RGBA; row y uses filter filters[y % filters.length]. For tests of decodePng. */
export function encodePng(img: Image, filters: readonly number[] = [0]): Buffer {
  const { width, height, rgba } = img;
  const stride = width * 4;
  const out = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    out[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = rgba[y * stride + i]!;
      const a = i >= 4 ? rgba[y * stride + i - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= 4 ? rgba[(y - 1) * stride + i - 4]! : 0;
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
      out[y * (stride + 1) + 1 + i] = (x - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(out)), chunk("IEND", new Uint8Array(0))]);
}

/** The RGB of pixel (x, y) as 0xRRGGBB. */
export function rgbAt(img: Image, x: number, y: number): number {
  const i = (y * img.width + x) * 4;
  return (img.rgba[i]! << 16) | (img.rgba[i + 1]! << 8) | img.rgba[i + 2]!;
}

/** "#rrggbb" → 0xRRGGBB. */
export function hexColor(hex: string): number {
  return parseInt(hex.replace(/^#/, ""), 16);
}

/** Whether two colours are within `tol` on every channel. */
export function near(a: number, b: number, tol: number): boolean {
  return Math.abs((a >> 16) - (b >> 16)) <= tol && Math.abs(((a >> 8) & 255) - ((b >> 8) & 255)) <= tol && Math.abs((a & 255) - (b & 255)) <= tol;
}
