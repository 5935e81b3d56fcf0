import type { NormalizerChange } from "../pipeline";
import type { PyValue } from "../plan/pythonLiteral";
import { isWholeReference } from "../plan/references";
import { TOOLS } from "../../tools/catalog";
import type { ToolName } from "../../core/tools/names";
import type { ParamRole } from "../../core/tools/params";
import { timeSpans } from "../../core/values/timeSpans";
import { valueTypeFor, type ValueSpan, type ValueType } from "../../core/values/valueTypes";

interface StepLike {
  tool: string;
  args: readonly PyValue[];
}

const NOT_COPIED: ReadonlySet<ParamRole> = new Set(["transport", "priority", "flag", "minutes", "datetime"]);

/** The pieces of a plan string that would be copied from the request, each with the role it fills. */
function copiedPieces(value: PyValue, role: ParamRole, out: { text: string; type: ValueType }[]): void {
  if (Array.isArray(value)) {
    for (const item of value) copiedPieces(item, role, out);
    return;
  }
  if (typeof value !== "string" || isWholeReference(value) || NOT_COPIED.has(role)) return;
  for (const raw of value.split(/\$\{\d+\}/)) {
    const piece = raw.trim();
    if (piece === "") continue;
    // A summary's subject is made from the file's name, which its own task copies.
    if (/^Summary of /.test(piece)) continue;
    const meeting = /^Meeting with (.+)$/.exec(piece);
    if (meeting) {
      for (const name of meeting[1]!.split(/, and |, | and /)) out.push({ text: name.trim(), type: "NAME" });
      continue;
    }
    const type = valueTypeFor(role, piece);
    if (type) out.push({ text: piece, type });
  }
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch);

/**
 * Where the values a gold plan copies sit in the normalized request: every time the normalizer
 * wrote, and each name, address, file, place, title, text and folder of the plan found (case
 * aside) at word boundaries. Longer values claim their text first, so a name inside a message
 * stays part of the message. The training data for the tagger, and the "gold spans" an
 * evaluation can plan from to see what the tagger costs.
 */
export function goldValueSpans(text: string, steps: readonly StepLike[], changes: readonly NormalizerChange[] = []): ValueSpan[] {
  let spans: ValueSpan[] = timeSpans(text);
  const pieces: { text: string; type: ValueType }[] = [];
  for (const step of steps) {
    if (step.tool === "join") continue;
    const params = TOOLS[step.tool as ToolName]?.params ?? [];
    step.args.forEach((arg, i) => params[i] && copiedPieces(arg, params[i]!.role, pieces));
  }
  const typeOf = new Map<string, ValueType>();
  for (const p of pieces) if (!typeOf.has(p.text.toLowerCase())) typeOf.set(p.text.toLowerCase(), p.type);
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const freeOfValues = (start: number, end: number) => spans.every((s) => s.type === "TIME" || end <= s.start || start >= s.end);
  const typed = asTypedText(text, changes);
  for (const [value, type] of [...typeOf].sort((a, b) => b[0].length - a[0].length)) {
    const found = find(text, value, free);
    if (found) {
      spans.push({ type, ...found });
      continue;
    }
    // Dictated words may hold a time the normalizer rewrote: they claim it (the time is theirs).
    const typedSpan = DICTATED.has(type) ? findTyped(typed, value, changes, freeOfValues) : undefined;
    if (typedSpan) {
      spans = spans.filter((s) => s.type !== "TIME" || s.end <= typedSpan.start || s.start >= typedSpan.end);
      spans.push({ type, ...typedSpan });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

const DICTATED: ReadonlySet<ValueType> = new Set(["TEXT", "TITLE"]);

type Free = (start: number, end: number) => boolean;

/** The first case-insensitive occurrence at word boundaries not already claimed. */
function find(text: string, value: string, free: Free): { start: number; end: number } | undefined {
  const lower = text.toLowerCase();
  // Lowercasing can change lengths (İ → i̇); such values are simply not found.
  for (let at = lower.indexOf(value); at >= 0; at = lower.indexOf(value, at + 1)) {
    const end = at + value.length;
    if (!isWordChar(text[at - 1]) && !isWordChar(text[end]) && free(at, end) && text.slice(at, end).toLowerCase() === value)
      return { start: at, end };
  }
  return undefined;
}

/** The request as typed (before the normalizer), rebuilt from the normalized text and its changes. */
function asTypedText(text: string, changes: readonly NormalizerChange[]): string {
  let out = "";
  let at = 0;
  for (const c of [...changes].sort((a, b) => a.at - b.at)) {
    out += text.slice(at, c.at) + c.from;
    at = c.at + c.to.length;
  }
  return out + text.slice(at);
}

/**
 * Dictated text with a time in it ("dinner is at 8") is not in the normalized text verbatim: find
 * it in the text as typed and map it back, widened over any rewritten time it touches.
 */
function findTyped(typed: string, value: string, changes: readonly NormalizerChange[], free: Free) {
  if (changes.length === 0) return undefined;
  const inTyped = find(typed, value, () => true);
  if (!inTyped) return undefined;
  const toNormalized = (offset: number, side: "start" | "end") => {
    let shift = 0;
    let typedAt = 0;
    for (const c of [...changes].sort((a, b) => a.at - b.at)) {
      typedAt = c.at - shift;
      const typedEnd = typedAt + c.from.length;
      if (offset < typedAt || (side === "end" && offset === typedAt)) break;
      if (offset < typedEnd || (side === "end" && offset === typedEnd)) return side === "start" ? c.at : c.at + c.to.length;
      shift += c.to.length - c.from.length;
    }
    return offset + shift;
  };
  const start = toNormalized(inTyped.start, "start");
  const end = toNormalized(inTyped.end, "end");
  return free(start, end) ? { start, end } : undefined;
}
