import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BYTE_TO_CHAR, trainByteLevelBpe, type BpeVocabulary } from "../../src/gguf/byteLevelBpe";
import { llamaTensorShapes, writeLlamaGguf } from "../../src/gguf/llamaGguf";
import { encodeF32 } from "../../src/gguf/quantize";
import { writeTinyLlama, type TinyLlamaOptions } from "../../src/gguf/tinyLlama";

const dir = mkdtempSync(join(tmpdir(), "tinyagent-models-"));
const made = new Map<string, { path: string; vocab: BpeVocabulary }>();

/** A tiny random-weight model (see writeTinyLlama), one file per set of options. */
export function tinyModel(options: TinyLlamaOptions = {}): { path: string; vocab: BpeVocabulary } {
  const key = JSON.stringify(options);
  const existing = made.get(key);
  if (existing) return existing;
  const path = join(dir, `tiny-${made.size}.gguf`);
  const model = { path, vocab: writeTinyLlama(path, options).vocab };
  made.set(key, model);
  return model;
}

/**
 * A model whose next token never depends on the input: every layer's weights are zero, so the
 * hidden state is the (identical) token embedding and the logits are a fixed ranking — `ranking`'s
 * characters first, in order. Under the plan grammar it writes short, predictable plans (it closes
 * every string as soon as it may), which makes end-to-end tests deterministic.
 */
export function rankingModel(ranking: string): { path: string; vocab: BpeVocabulary } {
  const key = `ranking:${ranking}`;
  const existing = made.get(key);
  if (existing) return existing;
  const vocab = trainByteLevelBpe([], { maxMerges: 0 });
  const dims = { layers: 1, embedding: 32, heads: 4, kvHeads: 4, feedForward: 64, contextLength: 4096 };
  const n = vocab.tokens.length;
  const score = new Map([...ranking].map((ch, i) => [BYTE_TO_CHAR[ch.charCodeAt(0)]!, ranking.length - i]));
  const embedding = new Float32Array(dims.embedding * n);
  const output = new Float32Array(dims.embedding * n);
  for (let t = 0; t < n; t++) {
    embedding[t * dims.embedding] = 1;
    output[t * dims.embedding] = score.get(vocab.tokens[t]!) ?? -1;
  }
  const tensors = new Map(
    llamaTensorShapes(dims, n).map((s) => {
      const size = s.dims.reduce((a, b) => a * b, 1);
      const values =
        s.name === "token_embd.weight" ? embedding : s.name === "output.weight" ? output : new Float32Array(size).fill(s.norm ? 1 : 0);
      return [s.name, { type: "F32" as const, data: encodeF32(values) }];
    }),
  );
  const path = join(dir, `ranking-${made.size}.gguf`);
  writeLlamaGguf(path, { name: "ranking-test", dims, vocab, weights: { kind: "tensors", tensors } });
  const model = { path, vocab };
  made.set(key, model);
  return model;
}
