import { gguf, writeGgufFile, type GgmlTypeName, type GgufMetadataValue, type GgufTensor } from "./ggufFile";
import { encodeF32, randomBlocks, seededRandom } from "./quantize";
import type { BpeVocabulary } from "./byteLevelBpe";

/** The shape of a llama-architecture decoder. */
export interface LlamaDims {
  layers: number;
  embedding: number;
  heads: number;
  kvHeads: number;
  feedForward: number;
  contextLength: number;
}

/** TinyAgent-1.1B's shape (TinyLlama): what the planner bench imitates. */
export const TINYLLAMA_1_1B: LlamaDims = { layers: 22, embedding: 2048, heads: 32, kvHeads: 4, feedForward: 5632, contextLength: 4096 };

export interface LlamaGgufSpec {
  name: string;
  dims: LlamaDims;
  vocab: BpeVocabulary;
  /** Jinja chat template stored in the file (tokenizer.chat_template). */
  chatTemplate?: string;
  /** Weights: quantized random values (seeded), or named tensors from a trained model. */
  weights:
    | { kind: "random"; type: "Q8_0" | "Q4_0"; seed: number }
    | { kind: "tensors"; tensors: Map<string, { type: GgmlTypeName; data: Buffer }> };
  /** Extra metadata (e.g. provenance). */
  metadata?: Record<string, GgufMetadataValue>;
}

/** The llama tensors llama.cpp expects, with ggml dims (innermost first). */
export function llamaTensorShapes(dims: LlamaDims, vocabSize: number): { name: string; dims: number[]; norm: boolean }[] {
  const headDim = dims.embedding / dims.heads;
  const kv = headDim * dims.kvHeads;
  const shapes = [{ name: "token_embd.weight", dims: [dims.embedding, vocabSize], norm: false }];
  for (let i = 0; i < dims.layers; i++) {
    shapes.push(
      { name: `blk.${i}.attn_norm.weight`, dims: [dims.embedding], norm: true },
      { name: `blk.${i}.attn_q.weight`, dims: [dims.embedding, dims.embedding], norm: false },
      { name: `blk.${i}.attn_k.weight`, dims: [dims.embedding, kv], norm: false },
      { name: `blk.${i}.attn_v.weight`, dims: [dims.embedding, kv], norm: false },
      { name: `blk.${i}.attn_output.weight`, dims: [dims.embedding, dims.embedding], norm: false },
      { name: `blk.${i}.ffn_norm.weight`, dims: [dims.embedding], norm: true },
      { name: `blk.${i}.ffn_gate.weight`, dims: [dims.embedding, dims.feedForward], norm: false },
      { name: `blk.${i}.ffn_up.weight`, dims: [dims.embedding, dims.feedForward], norm: false },
      { name: `blk.${i}.ffn_down.weight`, dims: [dims.feedForward, dims.embedding], norm: false },
    );
  }
  shapes.push(
    { name: "output_norm.weight", dims: [dims.embedding], norm: true },
    { name: "output.weight", dims: [dims.embedding, vocabSize], norm: false },
  );
  return shapes;
}

/** Writes a llama-architecture GGUF with a byte-level BPE tokenizer; returns the file size. */
export function writeLlamaGguf(path: string, spec: LlamaGgufSpec): number {
  const { dims, vocab } = spec;
  // general.file_type: 7 mostly Q8_0, 2 mostly Q4_0, 0 all F32.
  const types = spec.weights.kind === "random" ? [spec.weights.type] : [...spec.weights.tensors.values()].map((t) => t.type);
  const fileType = types.includes("Q8_0") ? 7 : types.includes("Q4_0") ? 2 : 0;
  const metadata: Record<string, GgufMetadataValue> = {
    "general.architecture": gguf.string("llama"),
    "general.name": gguf.string(spec.name),
    "general.file_type": gguf.u32(fileType),
    "llama.context_length": gguf.u32(dims.contextLength),
    "llama.embedding_length": gguf.u32(dims.embedding),
    "llama.block_count": gguf.u32(dims.layers),
    "llama.feed_forward_length": gguf.u32(dims.feedForward),
    "llama.attention.head_count": gguf.u32(dims.heads),
    "llama.attention.head_count_kv": gguf.u32(dims.kvHeads),
    "llama.rope.dimension_count": gguf.u32(dims.embedding / dims.heads),
    "llama.rope.freq_base": gguf.f32(10000),
    "llama.attention.layer_norm_rms_epsilon": gguf.f32(1e-5),
    "llama.vocab_size": gguf.u32(vocab.tokens.length),
    "tokenizer.ggml.model": gguf.string("gpt2"),
    "tokenizer.ggml.pre": gguf.string("qwen2"),
    "tokenizer.ggml.tokens": gguf.strings(vocab.tokens),
    "tokenizer.ggml.token_type": gguf.i32s(vocab.tokenTypes),
    "tokenizer.ggml.merges": gguf.strings(vocab.merges),
    "tokenizer.ggml.bos_token_id": gguf.u32(vocab.bos),
    "tokenizer.ggml.eos_token_id": gguf.u32(vocab.eos),
    "tokenizer.ggml.add_bos_token": gguf.bool(true),
    "tokenizer.ggml.add_eos_token": gguf.bool(false),
    ...(spec.chatTemplate ? { "tokenizer.chat_template": gguf.string(spec.chatTemplate) } : {}),
    ...spec.metadata,
  };

  const weights = spec.weights;
  const tensors: GgufTensor[] = llamaTensorShapes(dims, vocab.tokens.length).map((shape, index) => {
    const elements = shape.dims.reduce((a, b) => a * b, 1);
    if (weights.kind === "tensors") {
      const t = weights.tensors.get(shape.name);
      if (!t) throw new Error(`missing tensor ${shape.name}`);
      return { name: shape.name, dims: shape.dims, type: t.type, data: () => [t.data] };
    }
    if (shape.norm) return { name: shape.name, dims: shape.dims, type: "F32", data: () => [encodeF32(new Float32Array(elements).fill(1))] };
    // Seeded per tensor so every tensor differs but the file is reproducible.
    const seed = Math.floor(seededRandom(weights.seed + index)() * 2 ** 31);
    return { name: shape.name, dims: shape.dims, type: weights.type, data: () => randomBlocks(weights.type, elements, 0.02, seed) };
  });
  return writeGgufFile(path, metadata, tensors);
}
