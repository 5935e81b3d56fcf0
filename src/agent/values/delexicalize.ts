import type { NormalizerChange } from "../pipeline";
import { AgentError } from "../../core/errors";
import { parseStepLine } from "../plan/planParser";
import { isWholeReference, referencesIn, referencesInString } from "../plan/references";
import type { PyValue } from "../plan/pythonLiteral";
import { formatStep } from "../plan/serializePlan";
import { MAX_PER_TYPE, VALUE_TYPES, type ValueSpan, type ValueType } from "../../core/values/valueTypes";

/** A value of the request and the placeholder that stands for it. */
export interface Slot {
  placeholder: string;
  type: ValueType;
  value: string;
  start: number;
  end: number;
}

export interface Delexicalized {
  /** The request with each value replaced by its placeholder: "text NAME1 that TEXT1". */
  text: string;
  slots: Slot[];
}

/** The placeholder a summary's subject is built from: "Summary of FILE1" reads "Summary of report" for "report.pdf". */
const SUMMARY_OF = /^Summary of (FILE\d+)$/;
const PLACEHOLDER = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${VALUE_TYPES.join("|")})\\d{1,2}(?![\\p{L}\\p{N}_])`, "gu");

/**
 * Replaces the request's values with typed placeholders, numbered per type in order of appearance.
 * Overlapping spans keep the first (then the longest); the same value twice gets one placeholder;
 * values beyond MAX_PER_TYPE of a type stay as words. One function for training and run time, so
 * the planner is trained on exactly the text it will see.
 */
export function delexicalize(text: string, spans: readonly ValueSpan[], changes: readonly NormalizerChange[] = []): Delexicalized {
  const ordered = spans
    .filter((s) => s.end > s.start)
    .map((s) => coverChanges(s, changes))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const slots: Slot[] = [];
  const counts = new Map<ValueType, number>();
  const byValue = new Map<string, string>();
  let out = "";
  let last = 0;
  for (const span of ordered) {
    if (span.start < last) continue;
    const value = DICTATED.has(span.type) ? asTyped(text, span, changes) : text.slice(span.start, span.end);
    const key = `${span.type}\u0000${value.toLowerCase()}`;
    let placeholder = byValue.get(key);
    if (placeholder === undefined) {
      const n = (counts.get(span.type) ?? 0) + 1;
      if (n > MAX_PER_TYPE) continue;
      counts.set(span.type, n);
      placeholder = `${span.type}${n}`;
      byValue.set(key, placeholder);
      slots.push({ placeholder, type: span.type, value, start: span.start, end: span.end });
    }
    out += asWords(text.slice(last, span.start)) + placeholder;
    last = span.end;
  }
  return { text: out + asWords(text.slice(last)), slots };
}

/** True when a value put back made a string refer to a task it did not refer to as planned. */
function addsReference(planned: readonly PyValue[], relexed: readonly PyValue[]): boolean {
  return planned.some((p, i) => {
    const r = relexed[i]!;
    if (typeof p === "string" && typeof r === "string") return referencesInString(p).join() !== referencesInString(r).join();
    return Array.isArray(p) && Array.isArray(r) && addsReference(p, r);
  });
}

/** A word of the request that looks like a placeholder ("NAME1") is not one: it is lowercased, so it never collides with a value's placeholder. */
const asWords = (text: string) => text.replace(PLACEHOLDER, (p) => p.toLowerCase());

/** A string with each placeholder replaced as `rename` says (one left out stays as it is). */
export function renamePlaceholders(s: string, rename: ReadonlyMap<string, string>): string {
  return s.replace(PLACEHOLDER, (p) => rename.get(p) ?? p);
}

/** The placeholders a delexicalized text holds, each once, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])];
}

/** Words the user dictated: a time inside them stays as typed ("dinner is at 8"), not as the normalizer resolved it. */
const DICTATED: ReadonlySet<ValueType> = new Set(["TEXT", "TITLE"]);

const overlaps = (s: ValueSpan, c: NormalizerChange) => c.at < s.end && c.at + c.to.length > s.start;

/** A dictated span that cuts into a rewritten time is widened to all of it, so the whole time is given back. */
export function coverChanges(span: ValueSpan, changes: readonly NormalizerChange[]): ValueSpan {
  if (!DICTATED.has(span.type)) return span;
  let { start, end } = span;
  for (const c of changes) {
    if (!overlaps({ ...span, start, end }, c)) continue;
    start = Math.min(start, c.at);
    end = Math.max(end, c.at + c.to.length);
  }
  return { ...span, start, end };
}

function asTyped(text: string, span: ValueSpan, changes: readonly NormalizerChange[]): string {
  let out = "";
  let at = span.start;
  for (const c of changes.filter((c) => overlaps(span, c)).sort((a, b) => a.at - b.at)) {
    out += text.slice(at, c.at) + c.from;
    at = c.at + c.to.length;
  }
  return out + text.slice(at, span.end);
}

const fileStem = (name: string) => name.replace(/\.[\p{L}\p{N}]{1,5}$/u, "");

/** Puts the values back into a string the planner wrote; a placeholder with no slot stays as written. */
export function relexicalizeString(s: string, slots: readonly Slot[]): string {
  const find = (placeholder: string) => slots.find((slot) => slot.placeholder === placeholder);
  const summary = SUMMARY_OF.exec(s);
  if (summary) {
    const file = find(summary[1]!);
    if (file) return `Summary of ${fileStem(file.value)}`;
  }
  return s.replace(PLACEHOLDER, (p) => find(p)?.value ?? p);
}

/** The same for any plan value: strings, and the items of lists at any depth. */
export function relexicalizeValue(value: PyValue, slots: readonly Slot[]): PyValue {
  if (typeof value === "string") return relexicalizeString(value, slots);
  if (Array.isArray(value)) return value.map((v) => relexicalizeValue(v, slots));
  return value;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The inverse, for training: a gold plan's string with the request's values replaced by their
 * placeholders. The whole string first ("I'm late" → "TEXT1"), then a summary's subject, then
 * values inside it ("Meeting with Sid and Lutfi" → "Meeting with NAME1 and NAME2").
 */
export function delexicalizeString(s: string, slots: readonly Slot[]): string {
  const whole = slots.find((slot) => slot.value.toLowerCase() === s.trim().toLowerCase());
  if (whole) return whole.placeholder;
  const summary = /^Summary of (.+)$/.exec(s);
  if (summary) {
    const file = slots.find((slot) => slot.type === "FILE" && fileStem(slot.value).toLowerCase() === summary[1]!.toLowerCase());
    if (file) return `Summary of ${file.placeholder}`;
  }
  let out = s;
  for (const slot of [...slots].sort((a, b) => b.value.length - a.value.length)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(slot.value)}(?![\\p{L}\\p{N}])`, "giu");
    out = out.replace(pattern, slot.placeholder);
  }
  return out;
}

export function delexicalizeValue(value: PyValue, slots: readonly Slot[]): PyValue {
  if (typeof value === "string") return value === "" || isWholeReference(value) ? value : delexicalizeString(value, slots);
  if (Array.isArray(value)) return value.map((v) => delexicalizeValue(v, slots));
  return value;
}

/**
 * A planner's streamed text with the values put back, line by line: a line is given on as soon
 * as it is complete, and one that does not parse is passed on as written, so the parser reports it.
 */
export async function* relexicalizeLines(chunks: AsyncIterable<string>, slots: readonly Slot[]): AsyncIterable<string> {
  let buffer = "";
  let line = 0;
  for await (const chunk of chunks) {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      yield relexicalizeLine(buffer.slice(0, newline), ++line, slots) + "\n";
      buffer = buffer.slice(newline + 1);
    }
  }
  if (buffer !== "") yield relexicalizeLine(buffer, ++line, slots);
}

export function relexicalizeLine(text: string, line: number, slots: readonly Slot[]): string {
  const parsed = parseStepLine(text, line);
  if (!parsed.ok) return text;
  const { id, tool, args } = parsed.step;
  const relexed = args.map((a) => relexicalizeValue(a, slots));
  // The plan language has no escape for "$": a value that reads as a reference ("${1}", "$2") would
  // become one and carry another task's result. Refuse instead of running something else.
  if (addsReference(args, relexed)) {
    const culprit = slots.find((s) => referencesIn([s.value]).length > 0);
    throw new AgentError(
      `The request's text ${JSON.stringify(culprit?.value ?? "")} would read as a reference to another task's result (the plan language writes results as $1 or \${1}). Rephrase it, for example “$ 1” or “task 1”.`,
      "value_reads_as_reference",
    );
  }
  return formatStep({ id, tool, args: relexed });
}
