// Re-encodes a screenshot PNG smaller with nothing but node:zlib. An opaque
// image of many colours is first reduced to its 256 most frequent colours,
// every other pixel taking the nearest of them (a screenshot of flat panels
// and anti-aliased text loses nothing a reader sees); an image of at most 256
// colours becomes a palette image; each row gets the filter that compresses
// best by the usual heuristic (smallest sum of absolute values), and the data
// is deflated at level 9. Reads the 8-bit RGB and RGBA PNGs that Chromium writes.
import { deflateSync, inflateSync, crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE = { rgb: 2, palette: 3, rgba: 6 };

/** The chunks of a PNG, in order: `{ type, data }`. */
function readChunks(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The Paeth predictor of the PNG specification. */
function paeth(left, up, upLeft) {
  const p = left + up - upLeft;
  const toLeft = Math.abs(p - left);
  const toUp = Math.abs(p - up);
  const toUpLeft = Math.abs(p - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** The predictor of `filter` for byte `i` of a row, `bpp` bytes per pixel. */
function predict(filter, row, previous, i, bpp) {
  const left = i >= bpp ? row[i - bpp] : 0;
  const up = previous[i];
  const upLeft = i >= bpp ? previous[i - bpp] : 0;
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return (left + up) >> 1;
  if (filter === 4) return paeth(left, up, upLeft);
  return 0;
}

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG to `{ width, height, rgba }`. */
function decode(png) {
  const chunks = readChunks(png);
  const header = chunks[0].data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colourType, , , interlace] = header.subarray(8);
  if (depth !== 8 || interlace !== 0 || (colourType !== COLOUR_TYPE.rgb && colourType !== COLOUR_TYPE.rgba)) throw new Error('only 8-bit RGB(A), non-interlaced PNGs');
  const bpp = colourType === COLOUR_TYPE.rgba ? 4 : 3;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * bpp;
  const rgba = Buffer.alloc(width * height * 4, 255);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) row[i] = (row[i] + predict(filter, row, previous, i, bpp)) & 255;
    for (let x = 0; x < width; x++) row.copy(rgba, (y * width + x) * 4, x * bpp, x * bpp + bpp);
    previous = row;
  }
  return { width, height, rgba };
}

/** Squared distance between two 0xRRGGBBAA colours, green weighted as the eye does. */
function distance(a, b) {
  const dr = (a >>> 24) - (b >>> 24);
  const dg = ((a >>> 16) & 255) - ((b >>> 16) & 255);
  const db = ((a >>> 8) & 255) - ((b >>> 8) & 255);
  return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

/** Maps every pixel of an opaque image to the nearest of its 256 most frequent colours. */
function quantize({ width, height, rgba }) {
  const counts = new Map();
  for (let i = 0; i < rgba.length; i += 4) {
    const key = rgba.readUInt32BE(i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size <= 256) return { width, height, rgba };
  const palette = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 256).map(([key]) => key);
  const nearest = new Map();
  const out = Buffer.from(rgba);
  for (let i = 0; i < out.length; i += 4) {
    const key = out.readUInt32BE(i);
    if (!nearest.has(key)) nearest.set(key, palette.reduce((best, colour) => (distance(colour, key) < distance(best, key) ? colour : best)));
    out.writeUInt32BE(nearest.get(key) >>> 0, i);
  }
  return { width, height, rgba: out };
}

/** The image's pixels as rows of `bpp`-byte pixels: palette indexes, RGB or RGBA. */
function pixelRows({ width, height, rgba }) {
  const opaque = rgba.every((value, i) => i % 4 !== 3 || value === 255);
  const colours = new Map();
  for (let i = 0; i < rgba.length && colours.size <= 256; i += 4) {
    const key = rgba.readUInt32BE(i);
    if (!colours.has(key)) colours.set(key, colours.size);
  }
  const rows = [];
  if (colours.size <= 256) {
    for (let y = 0; y < height; y++) {
      const row = Buffer.alloc(width);
      for (let x = 0; x < width; x++) row[x] = colours.get(rgba.readUInt32BE((y * width + x) * 4));
      rows.push(row);
    }
    const palette = Buffer.alloc(colours.size * 3);
    const alpha = Buffer.alloc(colours.size);
    for (const [key, index] of colours) {
      palette.writeUIntBE(key >>> 8, index * 3, 3);
      alpha[index] = key & 255;
    }
    return { rows, bpp: 1, colourType: COLOUR_TYPE.palette, palette, alpha: opaque ? null : alpha };
  }
  const bpp = opaque ? 3 : 4;
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width * bpp);
    for (let x = 0; x < width; x++) rgba.copy(row, x * bpp, (y * width + x) * 4, (y * width + x) * 4 + bpp);
    rows.push(row);
  }
  return { rows, bpp, colourType: opaque ? COLOUR_TYPE.rgb : COLOUR_TYPE.rgba, palette: null, alpha: null };
}

/** Filters each row with the filter whose output has the smallest sum of absolute values; palettes are left unfiltered, as the specification advises. */
function filterRows(rows, bpp, palette) {
  let previous = Buffer.alloc(rows[0].length);
  const out = [];
  for (const row of rows) {
    let best = null;
    let bestScore = Infinity;
    for (const filter of palette ? [0] : [0, 1, 2, 3, 4]) {
      const filtered = Buffer.alloc(row.length + 1);
      filtered[0] = filter;
      let score = 0;
      for (let i = 0; i < row.length; i++) {
        const value = (row[i] - predict(filter, row, previous, i, bpp)) & 255;
        filtered[i + 1] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) [best, bestScore] = [filtered, score];
    }
    out.push(best);
    previous = row;
  }
  return Buffer.concat(out);
}

/** The same picture as `png`, in fewer bytes. */
export function smallPng(png) {
  const decoded = decode(png);
  const opaque = decoded.rgba.every((value, i) => i % 4 !== 3 || value === 255);
  const image = opaque ? quantize(decoded) : decoded;
  const { rows, bpp, colourType, palette, alpha } = pixelRows(image);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, colourType, 0, 0, 0], 8);
  const data = deflateSync(filterRows(rows, bpp, palette !== null), { level: 9, memLevel: 9 });
  const parts = [SIGNATURE, chunk('IHDR', header)];
  if (palette) parts.push(chunk('PLTE', palette));
  if (alpha) parts.push(chunk('tRNS', alpha));
  parts.push(chunk('IDAT', data), chunk('IEND', Buffer.alloc(0)));
  const small = Buffer.concat(parts);
  return small.length < png.length ? small : png;
}
