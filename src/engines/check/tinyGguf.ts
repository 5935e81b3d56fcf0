import { writeFileSync } from "node:fs";

/**
 * A minimal GGUF v3 writer for one thing: a tiny random-weight llama model (2 layers, width 64,
 * all F32) with a byte-level BPE tokenizer, so the engine check can load, tokenize and evaluate a
 * real model where no model can be downloaded. Format: ggml's docs/gguf.md. (The planner's GGUF
 * writer, with quantized weights and real vocabularies, is meant to replace this.)
 */

const ALIGNMENT = 32;
const GGML_F32 = 0;
const enum ValueType {
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}

type Value =
  | { type: ValueType.U32 | ValueType.I32 | ValueType.F32; value: number }
  | { type: ValueType.BOOL; value: boolean }
  | { type: ValueType.STRING; value: string }
  | { type: ValueType.ARRAY; of: ValueType.STRING; value: readonly string[] }
  | { type: ValueType.ARRAY; of: ValueType.I32; value: readonly number[] };

const u32 = (value: number): Value => ({ type: ValueType.U32, value });
const f32 = (value: number): Value => ({ type: ValueType.F32, value });
const str = (value: string): Value => ({ type: ValueType.STRING, value });

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer) {
    this.chunks.push(b);
    this.length += b.length;
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
  u64(v: number) {
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
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.push(b);
  }
  pad() {
    const rest = this.length % ALIGNMENT;
    if (rest) this.push(Buffer.alloc(ALIGNMENT - rest));
  }
  value(v: Value) {
    this.u32(v.type);
    switch (v.type) {
      case ValueType.U32:
        return this.u32(v.value);
      case ValueType.I32:
        return this.i32(v.value);
      case ValueType.F32:
        return this.f32(v.value);
      case ValueType.BOOL:
        return this.push(Buffer.from([v.value ? 1 : 0]));
      case ValueType.STRING:
        return this.string(v.value);
      case ValueType.ARRAY:
        this.u32(v.of);
        this.u64(v.value.length);
        if (v.of === ValueType.STRING) for (const s of v.value as readonly string[]) this.string(s);
        else for (const n of v.value as readonly number[]) this.i32(n);
    }
  }
  concat() {
    return Buffer.concat(this.chunks);
  }
}

/** GPT-2's byte-to-character map: every byte becomes a printable character. */
function byteToUnicode(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let extra = 0;
  return Array.from({ length: 256 }, (_, b) => String.fromCodePoint(printable(b) ? b : 256 + extra++));
}

/** Deterministic uniform values in [-scale, scale). */
function randomF32(count: number, seed: number, scale: number): Buffer {
  const out = Buffer.alloc(count * 4);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out.writeFloatLE(((s / 2 ** 32) * 2 - 1) * scale, i * 4);
  }
  return out;
}

export interface TinyLlamaInfo {
  vocabularySize: number;
  parameters: number;
  bytes: number;
}

/** Writes the tiny model to `path`. Same seed, same file. */
export function writeTinyLlamaGguf(path: string, seed = 1): TinyLlamaInfo {
  const embd = 64;
  const heads = 4;
  const layers = 2;
  const ff = 128;

  const bytes = byteToUnicode();
  const merges = ["t h", "th e", "Ġ the"];
  // "<|endoftext|>" is a name llama.cpp knows as end-of-generation, so EOS needs no extra config.
  const tokens = [...bytes, "th", "the", "Ġthe", "<|startoftext|>", "<|endoftext|>"];
  const bos = tokens.length - 2;
  const eos = tokens.length - 1;
  const types = tokens.map((_, i) => (i >= bos ? 3 : 1)); // 1 normal, 3 control
  const vocab = tokens.length;

  const metadata: [string, Value][] = [
    ["general.architecture", str("llama")],
    ["general.name", str("tinyagent-engine-check")],
    ["general.file_type", u32(0)],
    ["llama.context_length", u32(256)],
    ["llama.embedding_length", u32(embd)],
    ["llama.block_count", u32(layers)],
    ["llama.feed_forward_length", u32(ff)],
    ["llama.attention.head_count", u32(heads)],
    ["llama.attention.head_count_kv", u32(heads)],
    ["llama.rope.dimension_count", u32(embd / heads)],
    ["llama.rope.freq_base", f32(10000)],
    ["llama.attention.layer_norm_rms_epsilon", f32(1e-5)],
    ["llama.vocab_size", u32(vocab)],
    ["tokenizer.ggml.model", str("gpt2")],
    ["tokenizer.ggml.pre", str("gpt-2")],
    ["tokenizer.ggml.tokens", { type: ValueType.ARRAY, of: ValueType.STRING, value: tokens }],
    ["tokenizer.ggml.token_type", { type: ValueType.ARRAY, of: ValueType.I32, value: types }],
    ["tokenizer.ggml.merges", { type: ValueType.ARRAY, of: ValueType.STRING, value: merges }],
    ["tokenizer.ggml.bos_token_id", u32(bos)],
    ["tokenizer.ggml.eos_token_id", u32(eos)],
    ["tokenizer.ggml.add_bos_token", { type: ValueType.BOOL, value: true }],
    ["tokenizer.ggml.add_eos_token", { type: ValueType.BOOL, value: false }],
  ];

  // ggml dims, innermost first; norms are ones, everything else small random values.
  const tensors: { name: string; dims: number[]; norm?: boolean }[] = [{ name: "token_embd.weight", dims: [embd, vocab] }];
  for (let i = 0; i < layers; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, dims: [embd], norm: true },
      { name: `blk.${i}.attn_q.weight`, dims: [embd, embd] },
      { name: `blk.${i}.attn_k.weight`, dims: [embd, embd] },
      { name: `blk.${i}.attn_v.weight`, dims: [embd, embd] },
      { name: `blk.${i}.attn_output.weight`, dims: [embd, embd] },
      { name: `blk.${i}.ffn_norm.weight`, dims: [embd], norm: true },
      { name: `blk.${i}.ffn_gate.weight`, dims: [embd, ff] },
      { name: `blk.${i}.ffn_up.weight`, dims: [embd, ff] },
      { name: `blk.${i}.ffn_down.weight`, dims: [ff, embd] },
    );
  }
  tensors.push({ name: "output_norm.weight", dims: [embd], norm: true }, { name: "output.weight", dims: [embd, vocab] });

  const header = new Writer();
  header.push(Buffer.from("GGUF", "ascii"));
  header.u32(3);
  header.u64(tensors.length);
  header.u64(metadata.length);
  for (const [key, value] of metadata) {
    header.string(key);
    header.value(value);
  }
  const data = new Writer();
  let parameters = 0;
  tensors.forEach((t, index) => {
    const count = t.dims.reduce((a, b) => a * b, 1);
    parameters += count;
    data.pad();
    header.string(t.name);
    header.u32(t.dims.length);
    for (const d of t.dims) header.u64(d);
    header.u32(GGML_F32);
    header.u64(data.length);
    if (t.norm) {
      const ones = Buffer.alloc(count * 4);
      for (let i = 0; i < count; i++) ones.writeFloatLE(1, i * 4);
      data.push(ones);
    } else {
      data.push(randomF32(count, seed * 7919 + index, 0.08));
    }
  });
  header.pad();
  const file = Buffer.concat([header.concat(), data.concat()]);
  writeFileSync(path, file);
  return { vocabularySize: vocab, parameters, bytes: file.length };
}
