import type { PyValue } from "../plan/pythonLiteral";
import { isWholeReference } from "../plan/references";
import { VALUE_TYPES } from "../../core/values/valueTypes";

/**
 * The fixed words a planned string may hold besides placeholders and references — the composed
 * forms of the plan conventions (training/README.md): "Meeting with NAME1 and NAME2",
 * "Summary of FILE1", "TEXT1 ${2}". The grammar allows nothing else, so an embedded planner can
 * never invent a name, a file or a message.
 */
export const STRING_PIECES = ["Meeting with ", " and ", ", ", "Summary of ", " "] as const;

const PIECE = new RegExp(`^(?:${[`(?:${VALUE_TYPES.join("|")})\\d{1,2}`, "\\$\\{\\d+\\}", ...STRING_PIECES].join("|")})*$`);

/** True when a value only uses what the embedded planner's grammar can write. */
export function isPlaceholderValue(value: PyValue): boolean {
  if (typeof value === "string") return value === "" || isWholeReference(value) || ["d", "w", "r"].includes(value) || PIECE.test(value);
  if (Array.isArray(value)) return value.every(isPlaceholderValue);
  return true;
}
