/** A token of a request with its place in the text: a run of letters, marks, digits and underscores, or one other character. */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;

/**
 * Splits text into word and punctuation tokens. Every value a plan copies starts and ends at a
 * token boundary ("sid@example.com" is five tokens, "Sid's" three, "Q3_report" one), so a span tagger labels whole
 * tokens and never needs to cut one.
 */
export function wordTokens(text: string): WordToken[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
}
