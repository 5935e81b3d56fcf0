import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { BpeVocabulary } from "../../src/gguf/byteLevelBpe";
import { gguf, type GgmlTypeName } from "../../src/gguf/ggufFile";
import { llamaTensorShapes, writeLlamaGguf, type LlamaDims } from "../../src/gguf/llamaGguf";
import { encodeF32, fromHalf, quantizeQ8_0 } from "../../src/gguf/quantize";

/**
 * Turns a trained planner (training/planner/model.py, saved as safetensors under GGUF tensor names)
 * and its tokenizer into a GGUF file node-llama-cpp runs: weights copied as they are (the PyTorch
 * model follows llama.cpp's conventions), 2-D weights quantized to Q8_0, norms kept in F32, the
 * tokenizer and a chat template in the metadata.
 */

const ConfigSchema = z.object({
  vocab_size: z.number().int(),
  layers: z.number().int(),
  embedding: z.number().int(),
  heads: z.number().int(),
  kv_heads: z.number().int(),
  feed_forward: z.number().int(),
  context_length: z.number().int(),
  rope_base: z.literal(10000),
  norm_eps: z.literal(1e-5),
});

export interface SafetensorsFile {
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
  metadata: Record<string, string>;
}

/**
 * Reads what model.py saves: one safetensors file, or a folder of weights-NNNNN.safetensors
 * shards (F16, each under the GPU machine's 16 MiB limit on files it hands back). F32 and F16.
 */
export function readSafetensors(path: string): SafetensorsFile {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => /^weights-\d+\.safetensors$/.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  if (files.length === 0) throw new Error(`${path} holds no weights-NNNNN.safetensors files`);
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  let metadata: Record<string, string> = {};
  for (const file of files) {
    const one = readOneSafetensors(file);
    one.tensors.forEach((t, name) => tensors.set(name, t));
    metadata = one.metadata;
  }
  return { tensors, metadata };
}

function readOneSafetensors(path: string): SafetensorsFile {
  const file = readFileSync(path);
  const headerLength = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.subarray(8, 8 + headerLength).toString("utf8")) as Record<string, unknown>;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets } = info as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const bytes = file.subarray(8 + headerLength + data_offsets[0], 8 + headerLength + data_offsets[1]);
    let data: Float32Array;
    if (dtype === "F32") data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    else if (dtype === "F16") data = Float32Array.from({ length: bytes.length / 2 }, (_, i) => fromHalf(bytes.readUInt16LE(i * 2)));
    else throw new Error(`${name}: only F32 and F16 tensors are supported, got ${dtype}`);
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata };
}

/** A Jinja template that concatenates the messages: the compact format needs no wrapping. */
export const CONCAT_CHAT_TEMPLATE = "{% for message in messages %}{{ message['content'] }}{% endfor %}";

export interface ExportOptions {
  weightsPath: string;
  vocab: BpeVocabulary;
  out: string;
  name: string;
  /** Q8_0 for shipping; F32 to check the export itself exactly. */
  quant: "Q8_0" | "F32";
  metadata?: Record<string, string>;
}

export function exportPlannerGguf(options: ExportOptions): { bytes: number; dims: LlamaDims } {
  const { tensors, metadata } = readSafetensors(options.weightsPath);
  const config = ConfigSchema.parse(JSON.parse(metadata.config ?? "{}"));
  if (config.vocab_size !== options.vocab.tokens.length) {
    throw new Error(`the model has ${config.vocab_size} token embeddings but the tokenizer has ${options.vocab.tokens.length} tokens`);
  }
  const dims: LlamaDims = {
    layers: config.layers,
    embedding: config.embedding,
    heads: config.heads,
    kvHeads: config.kv_heads,
    feedForward: config.feed_forward,
    contextLength: config.context_length,
  };
  const encoded = new Map<string, { type: GgmlTypeName; data: Buffer }>();
  for (const shape of llamaTensorShapes(dims, config.vocab_size)) {
    const t = tensors.get(shape.name);
    if (!t) throw new Error(`the weights have no tensor ${shape.name}`);
    // ggml lists dimensions innermost first; PyTorch outermost first.
    const expected = [...shape.dims].reverse();
    if (t.shape.join() !== expected.join()) throw new Error(`${shape.name}: shape ${t.shape} is not ${expected}`);
    const quantize = options.quant === "Q8_0" && !shape.norm;
    encoded.set(shape.name, quantize ? { type: "Q8_0", data: quantizeQ8_0(t.data) } : { type: "F32", data: encodeF32(t.data) });
  }
  const extra = Object.fromEntries(Object.entries(options.metadata ?? {}).map(([k, v]) => [k, gguf.string(v)]));
  const bytes = writeLlamaGguf(options.out, {
    name: options.name,
    dims,
    vocab: options.vocab,
    chatTemplate: CONCAT_CHAT_TEMPLATE,
    weights: { kind: "tensors", tensors: encoded },
    metadata: extra,
  });
  return { bytes, dims };
}

if (require.main === module) {
  // npx tsx training/planner/exportGguf.ts --weights <w.safetensors | folder of shards> --tokenizer tokenizer.json --out planner.gguf [--quant Q8_0|F32] [--name id]
  const args = new Map<string, string>();
  for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1]!);
  const weightsPath = args.get("weights");
  const tokenizer = args.get("tokenizer");
  const out = args.get("out");
  if (!weightsPath || !tokenizer || !out) throw new Error("--weights, --tokenizer and --out are required");
  const vocab = JSON.parse(readFileSync(tokenizer, "utf8")) as BpeVocabulary;
  const quant = args.get("quant") === "F32" ? "F32" : "Q8_0";
  const { bytes, dims } = exportPlannerGguf({ weightsPath, vocab, out, name: args.get("name") ?? "tinyagent-planner", quant });
  console.log(JSON.stringify({ out, bytes, quant, dims }));
}
