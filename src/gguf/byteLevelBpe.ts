/**
 * A byte-level BPE tokenizer in GPT-2's layout (llama.cpp's `gpt2` tokenizer model): every byte is
 * a token (mapped to a printable character), merges join adjacent tokens within pre-tokens split by
 * the regex below. Training counts pairs over the corpus's pre-tokens and merges the most frequent
 * pair until a merge budget or a target token count is reached.
 */

/**
 * Qwen2's pre-tokenizer regex (llama.cpp `tokenizer.ggml.pre = "qwen2"`), chosen over GPT-2's because
 * llama.cpp turns off `clean_spaces` for it: with GPT-2's, detokenizing drops the space in " ,", " ."
 * and " 's", so a message the user typed that way would not come back as typed. Digits are single
 * pre-tokens, which also helps a model copy numbers.
 */
const PRE_TOKEN =
  /(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/** GPT-2's byte → character map: printable bytes map to themselves, the rest to U+0100 and up. */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const map: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) map[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return map;
})();

export const TokenType = { normal: 1, control: 3, userDefined: 4 } as const;

export interface BpeVocabulary {
  /** Token texts in GPT-2's byte-mapped form (specials as written). Index = token id. */
  tokens: string[];
  tokenTypes: number[];
  /** "left right" pairs, in rank order. */
  merges: string[];
  bos: number;
  eos: number;
}

export function pretokenize(text: string): string[] {
  return text.match(PRE_TOKEN) ?? [];
}

function toByteChars(piece: string): string[] {
  return [...Buffer.from(piece, "utf8")].map((b) => BYTE_TO_CHAR[b]!);
}

export interface TrainOptions {
  /** At most this many merges. */
  maxMerges: number;
  /** Stop once the whole corpus encodes to at most this many tokens. */
  targetTokens?: number;
  /** Tokens matched whole before pre-tokenization (e.g. one per tool name); type user-defined. */
  userTokens?: readonly string[];
  /** Pad the vocabulary with unused control tokens up to this size. */
  vocabSize?: number;
}

/** Trains merges on the corpus. Deterministic: ties go to the lexicographically smallest pair. */
export function trainByteLevelBpe(corpus: readonly string[], options: TrainOptions): BpeVocabulary {
  const wordCounts = new Map<string, number>();
  for (const text of corpus) for (const piece of pretokenize(text)) wordCounts.set(piece, (wordCounts.get(piece) ?? 0) + 1);

  const words = [...wordCounts.entries()].map(([piece, count]) => ({ symbols: toByteChars(piece), count }));
  const pairCounts = new Map<string, number>();
  const pairWords = new Map<string, Set<number>>();
  const SEP = "\u0000";
  const addPairs = (w: number, sign: 1 | -1) => {
    const { symbols, count } = words[w]!;
    for (let i = 0; i < symbols.length - 1; i++) {
      const key = symbols[i]! + SEP + symbols[i + 1]!;
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + sign * count);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  words.forEach((_, w) => addPairs(w, 1));
  let totalTokens = words.reduce((s, w) => s + w.symbols.length * w.count, 0);

  const merges: string[] = [];
  const merged: string[] = [];
  while (merges.length < options.maxMerges && (options.targetTokens === undefined || totalTokens > options.targetTokens)) {
    let best: string | undefined;
    let bestCount = 1;
    for (const [key, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && best !== undefined && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === undefined) break;
    const [left, right] = best.split(SEP) as [string, string];
    merges.push(`${left} ${right}`);
    merged.push(left + right);
    for (const w of pairWords.get(best) ?? []) {
      addPairs(w, -1);
      const symbols = words[w]!.symbols;
      const out: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i < symbols.length - 1 && symbols[i] === left && symbols[i + 1] === right) {
          out.push(left + right);
          i++;
        } else out.push(symbols[i]!);
      }
      totalTokens -= (symbols.length - out.length) * words[w]!.count;
      words[w]!.symbols = out;
      addPairs(w, 1);
    }
    pairWords.delete(best);
    pairCounts.delete(best);
  }

  const tokens = [...BYTE_TO_CHAR, ...merged];
  const tokenTypes: number[] = tokens.map(() => TokenType.normal);
  for (const t of options.userTokens ?? []) {
    tokens.push(t);
    tokenTypes.push(TokenType.userDefined);
  }
  const bos = tokens.push("<s>") - 1;
  tokenTypes.push(TokenType.control);
  const eos = tokens.push("</s>") - 1;
  tokenTypes.push(TokenType.control);
  while (options.vocabSize !== undefined && tokens.length < options.vocabSize) {
    tokens.push(`<unused_${tokens.length}>`);
    tokenTypes.push(TokenType.control);
  }
  return { tokens, tokenTypes, merges, bos, eos };
}

/**
 * Encodes text as llama.cpp does: user-defined tokens (e.g. tool names) are cut out first, longest
 * first; the text between them is split into pre-tokens and merged by merge rank.
 */
export function encodeBpe(vocab: BpeVocabulary, text: string): number[] {
  const { rank, id, userTokenPattern } = encoderOf(vocab);
  const out: number[] = [];
  const parts = userTokenPattern ? text.split(userTokenPattern) : [text];
  parts.forEach((part, i) => {
    if (i % 2 === 1) out.push(id.get(part)!);
    else encodeText(part, rank, id, out);
  });
  return out;
}

interface Encoder {
  rank: Map<string, number>;
  id: Map<string, number>;
  userTokenPattern?: RegExp;
}
const encoders = new WeakMap<BpeVocabulary, Encoder>();

/** The lookup tables for a vocabulary, built once (encoding is called per example in data preparation). */
function encoderOf(vocab: BpeVocabulary): Encoder {
  let encoder = encoders.get(vocab);
  if (!encoder) {
    const userTokens = vocab.tokens.filter((_, i) => vocab.tokenTypes[i] === TokenType.userDefined).sort((a, b) => b.length - a.length);
    encoder = {
      rank: new Map(vocab.merges.map((m, i) => [m, i])),
      id: new Map(vocab.tokens.map((t, i) => [t, i])),
      ...(userTokens.length > 0 ? { userTokenPattern: new RegExp(`(${userTokens.map(escapeRegExp).join("|")})`) } : {}),
    };
    encoders.set(vocab, encoder);
  }
  return encoder;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function encodeText(text: string, rank: Map<string, number>, id: Map<string, number>, out: number[]): void {
  for (const piece of pretokenize(text)) {
    let symbols = toByteChars(piece);
    for (;;) {
      let bestRank = Infinity;
      let at = -1;
      for (let i = 0; i < symbols.length - 1; i++) {
        const r = rank.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          at = i;
        }
      }
      if (at < 0) break;
      symbols = [...symbols.slice(0, at), symbols[at]! + symbols[at + 1]!, ...symbols.slice(at + 2)];
    }
    for (const s of symbols) out.push(id.get(s)!);
  }
}
