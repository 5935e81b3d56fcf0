import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOOL_NAMES } from "../../src/agent/tools/catalog";
import { trainByteLevelBpe, type BpeVocabulary } from "../../src/gguf/byteLevelBpe";
import { writeLlamaGguf } from "../../src/gguf/llamaGguf";

const dir = mkdtempSync(join(tmpdir(), "tinyagent-models-"));
const made = new Map<string, { path: string; vocab: BpeVocabulary }>();

/**
 * A tiny random-weight llama GGUF (2 layers, width 64) with a byte-level BPE tokenizer that has a
 * few merges learned from plan-like text: real enough for node-llama-cpp to load, tokenize and
 * generate, small enough to run hundreds of generations in a test.
 */
export function tinyModel(options: { seed?: number; userTokens?: readonly string[]; chatTemplate?: string } = {}): {
  path: string;
  vocab: BpeVocabulary;
} {
  const key = JSON.stringify(options);
  const existing = made.get(key);
  if (existing) return existing;
  const corpus = [TOOL_NAMES.join('("", []) '), '1. get_phone_number("Sid")\n2. send_sms(["$1"], "Running late")\n3. join()'];
  const vocab = trainByteLevelBpe(corpus, { maxMerges: 200, userTokens: options.userTokens });
  const path = join(dir, `tiny-${made.size}.gguf`);
  writeLlamaGguf(path, {
    name: "tiny-test",
    dims: { layers: 2, embedding: 64, heads: 4, kvHeads: 2, feedForward: 128, contextLength: 4096 },
    vocab,
    chatTemplate: options.chatTemplate,
    weights: { kind: "random", type: "Q8_0", seed: options.seed ?? 7 },
  });
  const model = { path, vocab };
  made.set(key, model);
  return model;
}
