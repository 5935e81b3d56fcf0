import type { LocalDateTime } from "../core/time/localDateTime";
import { integerLiteral } from "./literal";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/**
 * AppleScript lines that set `variable` to the wall-clock time `t` on the Mac, field by field, so no
 * locale's date format can misread it (`date "..."` strings are parsed with the user's settings).
 *
 * Order matters: a date's fields are set one at a time on top of `current date`, and AppleScript
 * rolls an impossible day over into the next month. Setting the day to 1 first keeps every
 * intermediate date valid (today the 31st, target in a 30-day month; today Feb 29, target year not
 * a leap year). Months are AppleScript's month constants, not numbers or names in any language.
 * Hours, minutes and seconds are set separately, as wall-clock fields, so a daylight-saving change
 * between midnight and the target time cannot shift it.
 */
export function setDateLines(variable: string, t: LocalDateTime): string[] {
  return [
    `set ${variable} to current date`,
    `set day of ${variable} to 1`,
    `set year of ${variable} to ${integerLiteral(t.year)}`,
    `set month of ${variable} to ${MONTHS[t.month - 1]!}`,
    `set day of ${variable} to ${integerLiteral(t.day)}`,
    `set hours of ${variable} to ${integerLiteral(t.hour)}`,
    `set minutes of ${variable} to ${integerLiteral(t.minute)}`,
    `set seconds of ${variable} to ${integerLiteral(t.second)}`,
  ];
}
