import { fromDate, parseLocalDateTime, type LocalDateTime } from "../core/time/localDateTime";
import { UsageError } from "./cliErrors";

/** The `--now` option: a local time like 2026-11-22T10:00:00, or the clock when absent. */
export function parseNowOption(value: string | undefined): LocalDateTime {
  if (value === undefined) return fromDate(new Date());
  const parsed = parseLocalDateTime(value);
  if (!parsed || parsed.dateOnly) throw new UsageError(`--now must be a local date and time like 2026-11-22T10:00:00 (got "${value}")`);
  return parsed.value;
}
