/**
 * An extractive summary: the sentences whose words occur most often in the document, in their
 * original order. Nothing is written, only chosen, and results say so; it needs no model and gives
 * the same answer every time.
 */

export interface ExtractiveSummary {
  /** The chosen sentences, in document order. */
  sentences: string[];
  /** How many sentences the text has. */
  total: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 5;

// Words that say nothing about a document's topic (English).
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can " +
    "could did do does doing down during each few for from further had has have having he her here hers herself him himself his how " +
    "however i if in into is it its itself just may me might more most must my myself no nor not now of off on once only or other our " +
    "ours ourselves out over own same shall she should so some such than that the their theirs them themselves then there these they " +
    "this those through to too under until up upon us very was we were what when where which while who whom why will with within " +
    "without would you your yours yourself yourselves one two also et al fig figure table page"
  ).split(" "),
);

/** PDF text: words hyphenated across lines joined again, every run of whitespace one space. */
export function cleanExtractedText(text: string): string {
  return text
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** Abbreviations and initials after which ICU's sentence breaks (which know no exceptions) are undone. */
const NOT_AN_END = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|vs|etc|e\.g|i\.e|cf|Fig|No|Inc|Ltd|Co|approx|\p{Lu})\.\s*$/u;

export function splitSentences(text: string, locale = "en"): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: "sentence" });
  const sentences: string[] = [];
  let pending = "";
  for (const { segment } of segmenter.segment(text)) {
    pending += segment;
    if (!NOT_AN_END.test(pending)) {
      sentences.push(pending.trim());
      pending = "";
    }
  }
  if (pending.trim() !== "") sentences.push(pending.trim());
  return sentences.filter((s) => /\p{L}/u.test(s));
}

export function contentWords(sentence: string): string[] {
  return (sentence.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [])
    .map((w) => w.replace(/['’-]+$/, ""))
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

/**
 * Scores each sentence by the document frequency of its distinct content words, divided by the
 * square root of their number (long sentences should not win by length alone), skips sentences that
 * mostly repeat one already chosen, and returns the best `count` in document order. Fragments and
 * run-ons (under 4 or over 80 words: headings, tables) are only used when nothing else is there.
 */
export function extractiveSummary(text: string, count = DEFAULT_SUMMARY_SENTENCES): ExtractiveSummary {
  const sentences = splitSentences(cleanExtractedText(text));
  const words = sentences.map((s) => [...new Set(contentWords(s))]);
  const frequency = new Map<string, number>();
  for (const s of sentences) for (const w of contentWords(s)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const top = Math.max(1, ...frequency.values());
  const length = (i: number) => sentences[i]!.split(/\s+/).length;
  const indices = sentences.map((_, i) => i);
  const proper = indices.filter((i) => length(i) >= 4 && length(i) <= 80 && words[i]!.length > 0);
  const pool = proper.length > 0 ? proper : indices;
  const score = (i: number) => words[i]!.reduce((sum, w) => sum + frequency.get(w)! / top, 0) / Math.sqrt(Math.max(1, words[i]!.length));
  const ranked = [...pool].sort((a, b) => score(b) - score(a) || a - b);
  const chosen: number[] = [];
  for (const i of ranked) {
    if (chosen.length >= count) break;
    if (chosen.some((j) => overlap(words[i]!, words[j]!) >= 0.6)) continue;
    chosen.push(i);
  }
  return { sentences: chosen.sort((a, b) => a - b).map((i) => sentences[i]!), total: sentences.length };
}

/** Jaccard similarity of two word sets. */
function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const setB = new Set(b);
  const shared = a.filter((w) => setB.has(w)).length;
  return shared / (a.length + b.length - shared);
}

/** The summary as a result, labelled as extractive so no one takes it for a written summary. */
export function formatExtractiveSummary(title: string, summary: ExtractiveSummary, truncatedAt?: number): string {
  const of = summary.sentences.length === summary.total ? `all ${summary.total}` : `${summary.sentences.length} of ${summary.total}`;
  const from = truncatedAt !== undefined ? ` (from its first ${truncatedAt.toLocaleString("en-US")} characters)` : "";
  return [
    `Extractive summary of ${title}${from}: ${of} sentences, picked by how often their words occur in it (quoted, not written by a model).`,
    ...summary.sentences.map((s) => `• ${s}`),
  ].join("\n");
}
