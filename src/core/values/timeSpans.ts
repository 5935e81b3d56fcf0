import type { ValueSpan } from "./valueTypes";

// What the normalizer writes: 'YYYY-MM-DD HH:MM:SS' or a bare 'YYYY-MM-DD'. Not inside a longer
// token ("report_2026-11-23.pdf" is a file name, not a time).
const ISO = /(?<![\p{L}\p{N}_\-./])\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?(?![\p{L}\p{N}_\-./]|:\d)/gu;

/**
 * The times in a normalized request. They are found by pattern, not learned: the normalizer
 * writes them in one format, so a plan's date arguments are always one of these spans.
 */
export function timeSpans(text: string): ValueSpan[] {
  return [...text.matchAll(ISO)].map((m) => ({ type: "TIME" as const, start: m.index!, end: m.index! + m[0].length }));
}
