import { z } from "zod";
import { isEmailAddress, isPhoneNumber } from "../tools/argumentChecks";
import type { ParamRole } from "../tools/params";

/**
 * The kinds of value a plan copies from a request. The embedded planner never sees the values
 * themselves: each one becomes a placeholder of its kind (`NAME1`, `TEXT2`, ...), one token in its
 * vocabulary, and the value is put back after planning. Types matter: with untyped placeholders a
 * planner puts a message where a name goes (shared/model-notes.md, third run).
 */
export const VALUE_TYPES = ["NAME", "EMAIL", "PHONE", "FILE", "NOTE", "PLACE", "TITLE", "TEXT", "FOLDER", "TIME"] as const;
export const ValueTypeSchema = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof ValueTypeSchema>;

/** The types a learned tagger finds; TIME comes from the normalizer's own output (timeSpans). */
export const TAGGED_TYPES = VALUE_TYPES.filter((t) => t !== "TIME");

/** Placeholders per type; a request with more values of one type keeps the rest as plain words. */
export const MAX_PER_TYPE = 12;

/** Every placeholder the planner's vocabulary holds, one token each. */
export const PLACEHOLDERS: readonly string[] = VALUE_TYPES.flatMap((t) => Array.from({ length: MAX_PER_TYPE }, (_, i) => `${t}${i + 1}`));

/** A span of the normalized request `[start, end)` that a plan may copy. */
export const ValueSpanSchema = z.object({ type: ValueTypeSchema, start: z.number().int().min(0), end: z.number().int().min(0) });
export type ValueSpan = z.infer<typeof ValueSpanSchema>;

/** A written phone number, not a short code: at least seven digits. */
const isWrittenPhone = (value: string) => isPhoneNumber(value) && value.replace(/\D/g, "").length >= 7;

/** A written address (an email address or a phone number), not a name to look up. */
export const isWrittenAddress = (value: string) => isEmailAddress(value) || isWrittenPhone(value);

/** The type of a value by the argument it fills (an address list holds names, emails or phones). */
export function valueTypeFor(role: ParamRole, value: string): ValueType | undefined {
  switch (role) {
    case "contact":
      return "NAME";
    case "addresses":
      return isEmailAddress(value) ? "EMAIL" : isWrittenPhone(value) ? "PHONE" : "NAME";
    case "file":
    case "path":
    case "paths":
      return "FILE";
    case "note":
      return "NOTE";
    case "title":
      return "TITLE";
    case "text":
      return "TEXT";
    case "place":
      return "PLACE";
    case "container":
      return "FOLDER";
    case "datetime":
      return "TIME";
    default:
      return undefined;
  }
}
