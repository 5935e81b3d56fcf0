import { TOOL_NAMES } from "../core/tools/names";
import { trainByteLevelBpe, type BpeVocabulary } from "./byteLevelBpe";
import { writeLlamaGguf } from "./llamaGguf";

export interface TinyLlamaOptions {
  seed?: number;
  /** Tokens kept whole (e.g. tool names), as the project's own planners have. */
  userTokens?: readonly string[];
  chatTemplate?: string;
}

/**
 * A tiny random-weight llama model (2 layers, width 64, Q8_0, ~170 KB) with a byte-level BPE
 * tokenizer that has a few merges learned from plan-like text: real enough for node-llama-cpp to
 * load, tokenize and generate, small enough to run hundreds of generations. For tests and the
 * engine check, where no real model can be downloaded.
 */
export function writeTinyLlama(path: string, options: TinyLlamaOptions = {}): { vocab: BpeVocabulary; bytes: number } {
  const corpus = [TOOL_NAMES.join('("", []) '), '1. get_phone_number("Sid")\n2. send_sms(["$1"], "Running late")\n3. join()'];
  const vocab = trainByteLevelBpe(corpus, { maxMerges: 200, userTokens: options.userTokens });
  const bytes = writeLlamaGguf(path, {
    name: "tiny-random",
    dims: { layers: 2, embedding: 64, heads: 4, kvHeads: 2, feedForward: 128, contextLength: 4096 },
    vocab,
    chatTemplate: options.chatTemplate,
    weights: { kind: "random", type: "Q8_0", seed: options.seed ?? 7 },
  });
  return { vocab, bytes };
}
