import { wordTokens, type WordToken } from "../core/values/wordTokens";
import { TAGGED_TYPES, type ValueSpan } from "../core/values/valueTypes";
import { fnv1a } from "./featurizer";

/**
 * Token → hashed feature ids for the value tagger, shared by training (training/tagger) and run
 * time. Each token gets FEATURES_PER_TOKEN ids: the word lowercased (digits folded), the word as
 * typed (capitals tell names from words), its first and last three characters, its shape
 * ("Xx", "dd", "@") with whether a space precedes it (an address is one run of tokens), the
 * previous word, and how the space-delimited chunk around it ends (".pdf", ".com": a file or an
 * address). The bidirectional GRU on top sees the rest of the sentence.
 */
export const FEATURES_PER_TOKEN = 7;
export const TAGGER_BUCKETS = 1 << 15;

const SEEDS = [0x811c9dc5, 0x01234567, 0x9e3779b9, 0x7f4a7c15, 0x2545f491, 0x61c88647, 0x3c6ef372] as const;

function shape(word: string): string {
  let out = "";
  for (const ch of word) {
    const s = /\p{Lu}/u.test(ch) ? "X" : /\p{L}|\p{M}/u.test(ch) ? "x" : /\p{N}/u.test(ch) ? "d" : ch;
    if (!out.endsWith(s + s)) out += s;
  }
  return out.slice(0, 8);
}

const TRAILING = new Set([",", "!", "?", ";", ":", ")", '"', "'", "”", "’"]);

/**
 * For each space-delimited chunk, how it ends once trailing punctuation is dropped: a file
 * extension (".pdf"), "@" for an address, or nothing. Computed once per chunk, so a long run
 * without spaces costs linear time, not quadratic.
 */
function chunkEndings(text: string): { end: number; ending: string }[] {
  return [...text.matchAll(/\S+/g)].map((m) => {
    let end = m[0].length;
    while (end > 0 && TRAILING.has(m[0][end - 1]!)) end--;
    const tail = m[0].slice(Math.max(0, end - 16), end).toLowerCase();
    const ending = /\.[\p{L}\p{N}]{2,5}$/u.exec(tail)?.[0] ?? (m[0].includes("@") ? "@" : "");
    return { end: m.index! + m[0].length, ending };
  });
}

export interface TaggerInput {
  tokens: WordToken[];
  /** tokens.length × FEATURES_PER_TOKEN ids, row by row. */
  ids: BigInt64Array;
}

export function taggerFeatures(text: string, buckets = TAGGER_BUCKETS): TaggerInput {
  const tokens = wordTokens(text);
  const ids = new BigInt64Array(tokens.length * FEATURES_PER_TOKEN);
  const chunks = chunkEndings(text);
  let chunk = 0;
  tokens.forEach((t, i) => {
    while (chunk < chunks.length - 1 && chunks[chunk]!.end <= t.start) chunk++;
    const lower = t.text.toLowerCase();
    const folded = lower.replace(/\d/g, "0");
    const spaced = i === 0 || tokens[i - 1]!.end < t.start ? " " : "";
    const previous = i === 0 ? "<s>" : tokens[i - 1]!.text.toLowerCase().replace(/\d/g, "0");
    const ending = chunks[chunk]?.ending ?? "";
    const features = [
      folded,
      t.text,
      [...folded].slice(0, 3).join(""),
      [...folded].slice(-3).join(""),
      spaced + shape(t.text),
      previous,
      ending,
    ];
    features.forEach((f, k) => (ids[i * FEATURES_PER_TOKEN + k] = BigInt(fnv1a(f, SEEDS[k]!) % buckets)));
  });
  return { tokens, ids };
}

/** The tagger's output labels: O, then B- and I- for each tagged value type. */
export const TAGGER_LABELS: readonly string[] = ["O", ...TAGGED_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];

/** Per-token label ids for spans (training): a token is inside a span when it overlaps it. */
export function spanLabels(tokens: readonly WordToken[], spans: readonly ValueSpan[]): Uint8Array {
  const labels = new Uint8Array(tokens.length);
  for (const span of spans) {
    const type = TAGGED_TYPES.indexOf(span.type as (typeof TAGGED_TYPES)[number]);
    if (type < 0) continue;
    let first = true;
    tokens.forEach((t, i) => {
      if (t.end <= span.start || t.start >= span.end) return;
      labels[i] = first ? 1 + 2 * type : 2 + 2 * type;
      first = false;
    });
  }
  return labels;
}

/** Label ids back to spans: a B starts one, I's of the same type extend it; a stray I starts one too. */
export function labelSpans(tokens: readonly WordToken[], labels: ArrayLike<number>): ValueSpan[] {
  const spans: ValueSpan[] = [];
  let open: ValueSpan | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const label = labels[i]!;
    if (label === 0) {
      open = undefined;
      continue;
    }
    const type = TAGGED_TYPES[(label - 1) >> 1]!;
    const inside = (label - 1) % 2 === 1;
    if (inside && open && open.type === type) open.end = tokens[i]!.end;
    else {
      open = { type, start: tokens[i]!.start, end: tokens[i]!.end };
      spans.push(open);
    }
  }
  return spans;
}
