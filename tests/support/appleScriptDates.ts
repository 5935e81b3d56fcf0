import { fromUtcFields, type LocalDateTime } from "../../src/core/time/localDateTime";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Test-only model of AppleScript's date setters, as the AppleScript Language Guide describes them:
 * a date is wall-clock fields, and setting a field to a value that makes an impossible date rolls
 * the excess over (Jan 31, set month to February → March 3). Modelled with UTC Date arithmetic,
 * which rolls over the same way. Runs only the `set ... of <variable> to ...` lines of a script.
 */
export function runDateLines(lines: readonly string[], variable: string, now: LocalDateTime): LocalDateTime {
  let d: Date | undefined;
  for (const line of lines) {
    if (line === `set ${variable} to current date`) {
      d = new Date(Date.UTC(now.year, now.month - 1, now.day, now.hour, now.minute, now.second));
      continue;
    }
    const m = new RegExp(`^set (day|year|month|hours|minutes|seconds) of ${variable} to (\\w+)$`).exec(line);
    if (!m || !d) continue;
    const [, field, raw] = m;
    const value = field === "month" ? MONTHS.indexOf(raw!) : Number(raw);
    if (field === "month" && value < 0) throw new Error(`not a month constant: ${raw}`);
    if (field !== "month" && !/^\d+$/.test(raw!)) throw new Error(`not a number: ${raw}`);
    if (field === "day") d.setUTCDate(value);
    if (field === "year") d.setUTCFullYear(value);
    if (field === "month") d.setUTCMonth(value);
    if (field === "hours") d.setUTCHours(value);
    if (field === "minutes") d.setUTCMinutes(value);
    if (field === "seconds") d.setUTCSeconds(value);
  }
  if (!d) throw new Error(`${variable} was never set to current date`);
  return fromUtcFields(d);
}
