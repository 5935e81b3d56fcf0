// The value tagger's kinds of mistake, made on purpose in the planner's training input, so that the
// planner learns to plan from what the tagger gives it rather than from perfect spans. Measured on
// the generated validation split (training/tagger/errors.ts; 1,000 requests whose plans succeed with
// the gold spans and fail with the tagger's): a placeholder of the wrong type ("open NOTE1 in
// notes" read as PLACE1), a word tagged on its own ("ty", "afterwards"), and a span one word too long
// or too short. A value the tagger misses is not made: no plan can be written without it.
import type { NormalizerChange } from "../../src/agent/pipeline";
import type { ValueSpan, ValueType } from "../../src/core/values/valueTypes";

/** The types the tagger confuses a value's type with, read off its validation confusions. */
const CONFUSED_WITH: Partial<Record<ValueType, readonly ValueType[]>> = {
  NAME: ["PLACE", "FILE", "TITLE", "NOTE"],
  PLACE: ["NAME", "NOTE"],
  NOTE: ["PLACE", "TITLE", "FILE"],
  FILE: ["NAME", "NOTE"],
  TITLE: ["TEXT", "NAME", "NOTE"],
  TEXT: ["TITLE", "NAME"],
  FOLDER: ["NOTE", "NAME"],
};
/** What a word tagged on its own is taken for. */
const SPURIOUS: readonly ValueType[] = ["NAME", "PLACE", "FILE", "NOTE", "TITLE"];

/** A word as the tagger's spans end: between spaces and a sentence's punctuation ("report_v2.pdf" is one). */
const WORD = /[^\s,;:!?()"“”]+(?<![.'’])/gu;

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/**
 * The same spans with one tagger-like mistake: a type swapped, a word added as a value of its own,
 * or a span grown by the word beside it or shrunk by its first or last word. Spans that cover a
 * time the normalizer wrote, and TIME spans (found by pattern at run time), are left alone.
 * Undefined when the request has nothing the chosen mistake can apply to.
 */
export function withTaggerMistake(
  text: string,
  spans: readonly ValueSpan[],
  changes: readonly NormalizerChange[],
  rand: Rand,
): ValueSpan[] | undefined {
  const touchesChange = (start: number, end: number) => changes.some((c) => c.at < end && c.at + c.to.length > start);
  const covered = (start: number, end: number) => spans.some((s) => s.start < end && start < s.end);
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const free = words.filter((w) => !covered(w.start, w.end) && !touchesChange(w.start, w.end));
  const editable = spans.map((s, i) => ({ s, i })).filter(({ s }) => s.type !== "TIME" && !touchesChange(s.start, s.end));
  const replace = (i: number, span: ValueSpan) => spans.map((s, j) => (j === i ? span : s));
  const kind = rand();
  if (kind < 0.35) {
    const swappable = editable.filter(({ s }) => CONFUSED_WITH[s.type]);
    if (swappable.length === 0) return undefined;
    const { s, i } = pick(rand, swappable);
    return replace(i, { ...s, type: pick(rand, CONFUSED_WITH[s.type]!) });
  }
  if (kind < 0.7) {
    // Where the tagger tags a word on its own: beside a value ("TEXT1 ty", "NAME1 messssge"), or
    // the request's last word ("… please ty"); never a verb in the middle of the request.
    const beside = (w: { start: number; end: number }) =>
      spans.some((s) => /^[ ,]+$/.test(text.slice(s.end, w.start)) || /^[ ,]+$/.test(text.slice(w.end, s.start)));
    const last = words.at(-1);
    const candidates = free.filter((w) => /\p{L}/u.test(text.slice(w.start, w.end)) && (w === last || beside(w)));
    if (candidates.length === 0) return undefined;
    const w = pick(rand, candidates);
    return [...spans, { type: pick(rand, SPURIOUS), start: w.start, end: w.end }];
  }
  if (editable.length === 0) return undefined;
  const { s, i } = pick(rand, editable);
  const inside = words.filter((w) => w.start >= s.start && w.end <= s.end);
  if (rand() < 0.5) {
    // Grown by the free word right after (or before) it, across spaces only: "TEXT1 ty".
    const after = free.find((w) => w.start >= s.end && /^ +$/.test(text.slice(s.end, w.start)));
    const before = [...free].reverse().find((w) => w.end <= s.start && /^ +$/.test(text.slice(w.end, s.start)));
    const grow = rand() < 0.7 ? (after ?? before) : (before ?? after);
    if (!grow) return undefined;
    return replace(i, { ...s, start: Math.min(s.start, grow.start), end: Math.max(s.end, grow.end) });
  }
  if (inside.length < 2) return undefined;
  return rand() < 0.5 ? replace(i, { ...s, start: inside[1]!.start }) : replace(i, { ...s, end: inside[inside.length - 2]!.end });
}
