import { z } from "zod";

/**
 * A wall-clock time on the user's Mac, without a time zone: what plans carry
 * ('YYYY-MM-DD HH:MM:SS') and what AppleScript builds field by field. Keeping it as fields, not a
 * Date, means no time zone or locale can shift it on the way.
 */
export const LocalDateTimeSchema = z.object({
  year: z.number().int(),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  second: z.number().int().min(0).max(59),
});
export type LocalDateTime = z.infer<typeof LocalDateTimeSchema>;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export interface ParsedLocalDateTime {
  value: LocalDateTime;
  /** True when the text had no time of day ('YYYY-MM-DD'). */
  dateOnly: boolean;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD HH:MM', 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD'; undefined if not a real date. */
export function parseLocalDateTime(text: string): ParsedLocalDateTime | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { value: { year, month, day, hour, minute, second }, dateOnly: m[4] === undefined };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 'YYYY-MM-DD HH:MM:SS', the plan format. */
export function formatLocalDateTime(t: LocalDateTime): string {
  return `${formatLocalDate(t)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** 'YYYY-MM-DD'. */
export function formatLocalDate(t: Pick<LocalDateTime, "year" | "month" | "day">): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** Minutes since 1970-01-01 00:00 of the same wall clock, for comparing and adding without time zones. */
export function toEpochMinutes(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) / 60000;
}

export function fromEpochMinutes(minutes: number): LocalDateTime {
  return fromUtcFields(new Date(Math.round(minutes * 60000)));
}

/** The UTC fields of a Date: how this module does wall-clock arithmetic without time zones. */
export function fromUtcFields(d: Date): LocalDateTime {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export function addMinutes(t: LocalDateTime, minutes: number): LocalDateTime {
  return fromEpochMinutes(toEpochMinutes(t) + minutes);
}

/** The wall-clock fields of a Date in the process's time zone. */
export function fromDate(d: Date): LocalDateTime {
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export function weekdayName(t: LocalDateTime): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay()]!;
}
