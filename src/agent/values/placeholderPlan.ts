import type { PyValue } from "../plan/pythonLiteral";
import { isWholeReference } from "../plan/references";
import { VALUE_TYPES } from "../../core/values/valueTypes";

/**
 * The composed forms of the plan conventions (training/README.md), the only strings an embedded
 * planner writes besides "", a whole reference, a fixed enum and one placeholder:
 * "Meeting with NAME1 and NAME2", "Summary of FILE1", "TEXT1 ${2}" (a message, then a result).
 * The grammar allows exactly these, so an embedded planner can never invent a name, a file or a
 * message — nor string pieces together into something no convention writes.
 */
export const MEETING_WITH = "Meeting with ";
export const NAMES_JOINED_BY = " and ";
/** Most names in one "Meeting with …" (the grammar and the training filter agree on it). */
export const MAX_MEETING_NAMES = 6;
export const SUMMARY_OF = "Summary of ";
export const BEFORE_RESULT = " ";

const ANY = `(?:${VALUE_TYPES.filter((t) => t !== "TIME").join("|")})\\d{1,2}`;
const FORMS = new RegExp(
  `^(?:${ANY}|${MEETING_WITH}NAME\\d{1,2}(?:${NAMES_JOINED_BY}NAME\\d{1,2}){0,${MAX_MEETING_NAMES - 1}}|${SUMMARY_OF}FILE\\d{1,2}|${ANY}${BEFORE_RESULT}\\$\\{\\d+\\}|TIME\\d{1,2})$`,
);

/** True when a value only uses what the embedded planner's grammar can write. */
export function isPlaceholderValue(value: PyValue): boolean {
  if (typeof value === "string") return value === "" || isWholeReference(value) || ["d", "w", "r"].includes(value) || FORMS.test(value);
  if (Array.isArray(value)) return value.every(isPlaceholderValue);
  return true;
}
