/**
 * Text → hashed feature ids, shared by training (training/classifier) and run time, so the two
 * cannot drift. Features: word unigrams and bigrams, and character n-grams of each word with
 * boundary marks (robust to typos, abbreviations and unseen names). Digits are folded to 0 so dates,
 * phone numbers and versions look alike. Hashing (FNV-1a, 32 bits) keeps the model a fixed size.
 */
export interface FeaturizerConfig {
  /** Number of hash buckets (rows of the embedding table). */
  buckets: number;
  /** Character n-gram lengths, smallest and largest. */
  charMin: number;
  charMax: number;
}

export const DEFAULT_FEATURIZER: FeaturizerConfig = { buckets: 1 << 17, charMin: 3, charMax: 4 };

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

export function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// A different seed per feature kind, so "w:at" and a character gram "at" land in different buckets.
const WORD = 0x811c9dc5;
const BIGRAM = 0x01234567;
const CHAR = 0x9e3779b9;
const BIAS = "<bias>";

/** The words the features are made of: lowercased, NFKC, digits folded to 0. */
export function tokens(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().replace(/\d/g, "0").match(TOKEN) ?? [];
}

/** Feature ids for one text; never empty (a bias feature is always present). */
export function featurize(text: string, config: FeaturizerConfig = DEFAULT_FEATURIZER): Int32Array {
  const words = tokens(text);
  const ids: number[] = [fnv1a(BIAS, WORD) % config.buckets];
  let previous = "<s>";
  for (const w of words) {
    ids.push(fnv1a(w, WORD) % config.buckets);
    ids.push(fnv1a(`${previous} ${w}`, BIGRAM) % config.buckets);
    previous = w;
    if (w.length === 1 && !/[\p{L}\p{N}]/u.test(w)) continue;
    const marked = `<${w}>`;
    for (let n = config.charMin; n <= config.charMax; n++) {
      for (let i = 0; i + n <= marked.length; i++) ids.push(fnv1a(marked.slice(i, i + n), CHAR) % config.buckets);
    }
  }
  ids.push(fnv1a(`${previous} </s>`, BIGRAM) % config.buckets);
  return Int32Array.from(ids);
}
