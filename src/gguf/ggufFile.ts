import { closeSync, openSync, writeSync } from "node:fs";

/**
 * A GGUF v3 writer: header, metadata key/values, tensor infos, then tensor data, each aligned.
 * Tensor data is produced tensor by tensor while writing, so a model larger than memory can be
 * written (the planner bench writes a 1.1B-parameter model). Format: ggml's docs/gguf.md.
 */

const ALIGNMENT = 32;

/** ggml tensor types this writer can produce. */
export const GgmlType = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8 } as const;
export type GgmlTypeName = keyof typeof GgmlType;

/** Bytes per block and values per block for each type. */
const BLOCK: Record<GgmlTypeName, { values: number; bytes: number }> = {
  F32: { values: 1, bytes: 4 },
  F16: { values: 1, bytes: 2 },
  Q4_0: { values: 32, bytes: 18 },
  Q8_0: { values: 32, bytes: 34 },
};

export function tensorByteSize(type: GgmlTypeName, elements: number): number {
  const { values, bytes } = BLOCK[type];
  if (elements % values !== 0) throw new RangeError(`${type} needs a multiple of ${values} values, got ${elements}`);
  return (elements / values) * bytes;
}

const enum ValueType {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
}

export type GgufMetadataValue =
  | { type: "u32"; value: number }
  | { type: "i32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "string[]"; value: readonly string[] }
  | { type: "i32[]"; value: readonly number[] }
  | { type: "f32[]"; value: readonly number[] };

/** Shorthands for metadata values. */
export const gguf = {
  u32: (value: number): GgufMetadataValue => ({ type: "u32", value }),
  i32: (value: number): GgufMetadataValue => ({ type: "i32", value }),
  f32: (value: number): GgufMetadataValue => ({ type: "f32", value }),
  bool: (value: boolean): GgufMetadataValue => ({ type: "bool", value }),
  string: (value: string): GgufMetadataValue => ({ type: "string", value }),
  strings: (value: readonly string[]): GgufMetadataValue => ({ type: "string[]", value }),
  i32s: (value: readonly number[]): GgufMetadataValue => ({ type: "i32[]", value }),
  f32s: (value: readonly number[]): GgufMetadataValue => ({ type: "f32[]", value }),
};

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the innermost (contiguous) dimension. */
  dims: readonly number[];
  type: GgmlTypeName;
  /** Produces the tensor's bytes (exactly tensorByteSize(type, elements)), in one or more chunks. */
  data: () => Iterable<Uint8Array>;
}

/** Accumulates little-endian bytes. */
class ByteSink {
  private chunks: Buffer[] = [];
  length = 0;

  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }

  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number | bigint) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  string(s: string) {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function writeValue(sink: ByteSink, v: GgufMetadataValue): void {
  switch (v.type) {
    case "u32":
      sink.u32(ValueType.U32);
      sink.u32(v.value);
      return;
    case "i32":
      sink.u32(ValueType.I32);
      sink.i32(v.value);
      return;
    case "f32":
      sink.u32(ValueType.F32);
      sink.f32(v.value);
      return;
    case "bool":
      sink.u32(ValueType.BOOL);
      sink.push(Buffer.from([v.value ? 1 : 0]));
      return;
    case "string":
      sink.u32(ValueType.STRING);
      sink.string(v.value);
      return;
    case "string[]":
      return writeArray(sink, ValueType.STRING, v.value, (s) => sink.string(s));
    case "i32[]":
      return writeArray(sink, ValueType.I32, v.value, (n) => sink.i32(n));
    case "f32[]":
      return writeArray(sink, ValueType.F32, v.value, (n) => sink.f32(n));
  }
}

function writeArray<T>(sink: ByteSink, itemType: ValueType, items: readonly T[], writeItem: (item: T) => void): void {
  sink.u32(ValueType.ARRAY);
  sink.u32(itemType);
  sink.u64(items.length);
  for (const item of items) writeItem(item);
}

const padTo = (n: number) => (ALIGNMENT - (n % ALIGNMENT)) % ALIGNMENT;

/** Writes a GGUF v3 file; returns its size in bytes. */
export function writeGgufFile(path: string, metadata: Readonly<Record<string, GgufMetadataValue>>, tensors: readonly GgufTensor[]): number {
  const head = new ByteSink();
  head.push(Buffer.from("GGUF", "ascii"));
  head.u32(3);
  head.u64(tensors.length);
  const entries = Object.entries({ ...metadata, "general.alignment": gguf.u32(ALIGNMENT) });
  head.u64(entries.length);
  for (const [key, value] of entries) {
    head.string(key);
    writeValue(head, value);
  }
  let offset = 0;
  const sizes: number[] = [];
  for (const t of tensors) {
    const elements = t.dims.reduce((a, b) => a * b, 1);
    const size = tensorByteSize(t.type, elements);
    sizes.push(size);
    head.string(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(GgmlType[t.type]);
    head.u64(offset);
    offset += size + padTo(size);
  }
  head.push(Buffer.alloc(padTo(head.length)));

  const fd = openSync(path, "w");
  try {
    let written = writeSync(fd, head.toBuffer());
    tensors.forEach((t, i) => {
      let bytes = 0;
      for (const chunk of t.data()) {
        writeSync(fd, chunk);
        bytes += chunk.length;
      }
      if (bytes !== sizes[i]) throw new Error(`tensor ${t.name}: produced ${bytes} bytes, expected ${sizes[i]}`);
      const pad = padTo(bytes);
      if (pad > 0) writeSync(fd, Buffer.alloc(pad));
      written += bytes + pad;
    });
    return written;
  } finally {
    closeSync(fd);
  }
}
