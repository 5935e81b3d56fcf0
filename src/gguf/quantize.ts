/**
 * ggml's block formats, written from plain numbers: F16, Q8_0 (per 32 values: f16 scale + 32 int8)
 * and Q4_0 (per 32 values: f16 scale + 16 bytes of 4-bit values, low nibbles first). The layouts
 * follow ggml-quants.c's quantize_row_*_ref, so llama.cpp reads the same numbers back.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half precision bits of a number (round to nearest even). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  e = half >>> 10;
  return sign | half;
}

export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function encodeF32(values: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
  return out;
}

export function encodeF16(values: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(values.length * 2);
  for (let i = 0; i < values.length; i++) out.writeUInt16LE(toHalf(values[i]!), i * 2);
  return out;
}

export function quantizeQ8_0(values: ArrayLike<number>): Buffer {
  if (values.length % 32 !== 0) throw new RangeError("Q8_0 needs a multiple of 32 values");
  const out = Buffer.alloc((values.length / 32) * 34);
  for (let b = 0; b < values.length / 32; b++) {
    let amax = 0;
    for (let j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(values[b * 32 + j]!));
    const d = amax / 127;
    const id = d ? 1 / d : 0;
    out.writeUInt16LE(toHalf(d), b * 34);
    for (let j = 0; j < 32; j++) out.writeInt8(Math.round(values[b * 32 + j]! * id), b * 34 + 2 + j);
  }
  return out;
}

export function quantizeQ4_0(values: ArrayLike<number>): Buffer {
  if (values.length % 32 !== 0) throw new RangeError("Q4_0 needs a multiple of 32 values");
  const out = Buffer.alloc((values.length / 32) * 18);
  for (let b = 0; b < values.length / 32; b++) {
    let max = 0;
    let amax = 0;
    for (let j = 0; j < 32; j++) {
      const v = values[b * 32 + j]!;
      if (Math.abs(v) > amax) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = max / -8;
    const id = d ? 1 / d : 0;
    out.writeUInt16LE(toHalf(d), b * 18);
    for (let j = 0; j < 16; j++) {
      const x0 = Math.min(15, Math.trunc(values[b * 32 + j]! * id + 8.5));
      const x1 = Math.min(15, Math.trunc(values[b * 32 + 16 + j]! * id + 8.5));
      out[b * 18 + 2 + j] = x0 | (x1 << 4);
    }
  }
  return out;
}

/** Reads Q8_0 / Q4_0 blocks back into numbers (for tests and export checks). */
export function dequantize(type: "Q8_0" | "Q4_0", data: Buffer): Float32Array {
  const blockBytes = type === "Q8_0" ? 34 : 18;
  const out = new Float32Array((data.length / blockBytes) * 32);
  for (let b = 0; b < data.length / blockBytes; b++) {
    const d = fromHalf(data.readUInt16LE(b * blockBytes));
    for (let j = 0; j < 32; j++) {
      if (type === "Q8_0") out[b * 32 + j] = d * data.readInt8(b * 34 + 2 + j);
      else {
        const byte = data[b * 18 + 2 + (j % 16)]!;
        out[b * 32 + j] = d * ((j < 16 ? byte & 0x0f : byte >> 4) - 8);
      }
    }
  }
  return out;
}

/** A small seeded PRNG (mulberry32): fast, reproducible, good enough for random weights. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random quantized blocks with values of roughly the given standard deviation, made directly in
 * the block format (no float pass), in chunks of about 1 MB: how the bench writes a 1.1B model quickly.
 */
export function* randomBlocks(type: "Q8_0" | "Q4_0", elements: number, std: number, seed: number): Generator<Buffer> {
  const blockBytes = type === "Q8_0" ? 34 : 18;
  const blocks = elements / 32;
  const perChunk = Math.max(1, Math.floor((1 << 20) / blockBytes));
  const rand = seededRandom(seed);
  // A uniform int8 has std 73.6, a uniform 4-bit (q - 8) std 4.6.
  const scale = toHalf(type === "Q8_0" ? std / 73.6 : std / 4.6);
  for (let start = 0; start < blocks; start += perChunk) {
    const n = Math.min(perChunk, blocks - start);
    const chunk = Buffer.alloc(n * blockBytes);
    for (let b = 0; b < n; b++) {
      chunk.writeUInt16LE(scale, b * blockBytes);
      // The payload (32 or 16 bytes) is a whole number of 4-byte words.
      for (let j = 2; j < blockBytes; j += 4) chunk.writeUInt32LE((rand() * 4294967296) >>> 0, b * blockBytes + j);
    }
    yield chunk;
  }
}
