import * as chrono from "chrono-node";
import type { Normalized } from "./pipeline";
import {
  addMinutes,
  formatLocalDate,
  formatLocalDateTime,
  toEpochMinutes,
  weekdayName,
  type LocalDateTime,
} from "../core/time/localDateTime";

/**
 * Resolves relative dates and times in a request against `now`, so the planner copies absolute
 * values instead of doing calendar arithmetic (training/README.md, "The normalizer"). chrono-node
 * finds and parses the expressions; the project's conventions are applied around it:
 *
 * - a time becomes 'YYYY-MM-DD HH:MM:SS (ends YYYY-MM-DD HH:MM:SS, N min)': the start, then the end
 *   and length an event or meeting would have (the stated length or range, else 60 minutes), so a
 *   planner copies the end and the Zoom duration instead of computing them;
 * - a day alone becomes 'YYYY-MM-DD (all day; or YYYY-MM-DD 09:00:00, ends …, N min)': the date an
 *   all-day reminder takes, then what an event on that day would be (09:00 for 60 minutes);
 * - everything else in the text is kept as it was.
 */
export function normalizeRequest(query: string, now: LocalDateTime): Normalized {
  const text = query.replace(/\s+/g, " ").trim();
  const spans = findDateSpans(text, now);
  if (spans.length === 0) return { text, changes: [] };
  let out = "";
  let last = 0;
  const changes: Normalized["changes"] = [];
  for (const s of spans) {
    out += text.slice(last, s.start);
    changes.push({ from: text.slice(s.start, s.end), to: s.replacement, at: out.length });
    out += s.replacement;
    last = s.end;
  }
  out += text.slice(last);
  return { text: out, changes };
}

/** The length of an event or meeting when none is said, in minutes. */
export const DEFAULT_MINUTES = 60;
/** When an event on a day with no time starts. */
export const DAY_START_HOUR = 9;

/**
 * Conventions chrono does not share, rewritten into words it reads exactly before it parses:
 * parts of the day get the project's hours (morning 09:00, afternoon 15:00, end of day 17:00,
 * evening 18:00, tonight 20:00, noon and lunch 12:00), "this …"/"tonight" mean today, and a bare
 * hour said in the evening is pm. Only the copy chrono reads is rewritten; spans map back.
 */
const HOUR_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const hourOf = (h: string) => (/^\d+$/.test(h) ? h : String(HOUR_WORDS.indexOf(h.toLowerCase()) + 1));

const REWRITES: readonly [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  [/\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr)\b/gi, "in 2 days"],
  [/\ban?\s+hour\s+and\s+a\s+half\b/gi, "90 minutes"],
  [/\bhalf\s+past\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/gi, (_, h: string) => `${hourOf(h)}:30`],
  [/\bquarter\s+past\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/gi, (_, h: string) => `${hourOf(h)}:15`],
  [/\b(tonight|this\s+evening|evening|afternoon|this\s+afternoon)\s+at\s+(\d{1,2}(?::\d\d)?)(?!\s*(?::|\d|[ap]\.?m))/gi, "$1 at $2pm"],
  [/\btonight\b/gi, "today at 8pm"],
  [/\bthis\s+morning\b/gi, "today at 9am"],
  [/\bthis\s+afternoon\b/gi, "today at 3pm"],
  [/\bthis\s+evening\b/gi, "today at 6pm"],
  [/\b(?:the\s+)?morning\s+of\b/gi, "at 9am on"],
  [/\b(?:the\s+)?afternoon\s+of\b/gi, "at 3pm on"],
  [/\b(?:the\s+)?evening\s+of\b/gi, "at 6pm on"],
  [/\b(?:in\s+the\s+)?morning\b/gi, "at 9am"],
  [/\b(?:in\s+the\s+)?afternoon\b/gi, "at 3pm"],
  [/\b(?:in\s+the\s+)?evening\b/gi, "at 6pm"],
  [/\b(?:at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day\b|\beod\b|\bclose\s+of\s+business\b/gi, "at 5pm"],
  [/\b(?:at\s+)?lunch(?:\s*time)?\b/gi, "at 12pm"],
  [/\b(?:at\s+)?(?:noon|midday)\b/gi, "at 12pm"],
  // chrono reads "18:00 October 12" as a date alone, and "at 1864 Main St" as a time.
  [/\b(\d{1,2}:\d\d)(?=\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)/gi, "$1 on"],
  [/\bat(?=\s+\d{3,}(?![:.\d]))/gi, "near"],
];

/** Words that make a chrono match a date; a match with neither these nor a digit is a false one ("the weighty"). */
const DATE_WORD =
  /\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|today|tonight|tomorrow|tmrw?|yesterday|morning|afternoon|evening|noon|midnight|midday|lunch(?:time)?|eod|end of|week|weekend|days?|hours?|hrs?|minutes?|mins?|month|year)\b/i;
/** A bare weekday abbreviation is more often a word or a name ("the sun", "Thu Liên"). */
const BARE_ABBREVIATION = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/i;
/** Dates written with dots (24.04.2025) occur in file names far more than in requests. */
const DOTTED_DATE = /\d{1,2}\.\d{1,2}\.\d{2,4}/;
/** Words allowed between a day and a time that chrono left apart ("Friday by EOD"). */
const JOINABLE_GAP = /^\s*(?:,|at|by|around|on|before|from|the|on the)?\s*$/i;
/** Digits that are a time or a date, not a house number or a quantity ("282 W 6th Ave"). */
const NUMERIC_DATE = /\d{1,2}:\d\d|\d\s*[ap]\.?m\b|\d{4}-\d{2}-\d{2}|\b\d{1,2}\/\d{1,2}\b|\bat\s+\d{1,2}\b/i;
const DURATION =
  /^\s*,?\s*for\s+(an?|one|\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty-five|forty|ninety|half an?)\s*(hours?|hrs?|h|minutes?|mins?|m)\b(\s+and\s+a\s+half)?/i;
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  "forty-five": 45,
  ninety: 90,
  "half a": 0.5,
  "half an": 0.5,
};

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** The rewritten text chrono reads, with a map from its offsets back to the original's. */
interface Shadow {
  text: string;
  /** Rewritten pieces: [shadowStart, shadowEnd, originalStart, originalEnd]. */
  pieces: [number, number, number, number][];
}

function shadowOf(text: string): Shadow {
  let pieces: { start: number; end: number; replacement: string }[] = [];
  for (const [re, replacement] of REWRITES) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (pieces.some((p) => start < p.end && end > p.start)) continue;
      const again = new RegExp(re.source, "i");
      pieces.push({
        start,
        end,
        replacement: typeof replacement === "string" ? m[0].replace(again, replacement) : m[0].replace(again, replacement),
      });
    }
  }
  pieces = pieces.sort((a, b) => a.start - b.start);
  let out = "";
  let last = 0;
  const map: Shadow["pieces"] = [];
  for (const p of pieces) {
    out += text.slice(last, p.start);
    map.push([out.length, out.length + p.replacement.length, p.start, p.end]);
    out += p.replacement;
    last = p.end;
  }
  return { text: out + text.slice(last), pieces: map };
}

/** Maps a shadow offset back; an offset inside a rewritten piece maps to that piece's start or end. */
function toOriginal(shadow: Shadow, offset: number, side: "start" | "end"): number {
  let delta = 0;
  for (const [s, e, os, oe] of shadow.pieces) {
    if (offset < s || (side === "end" && offset === s)) break;
    if (offset < e || (side === "end" && offset === e)) return side === "start" ? os : oe;
    delta = oe - e;
  }
  return offset + delta;
}

type Result = chrono.ParsedResult;

/**
 * A length of time alone ("running 10 minutes late", "runs 30 minutes over") is not a moment: only
 * "in 10 minutes", "10 minutes from now" or "later" make it one.
 */
const BARE_DURATION =
  /^\s*(?:an?|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty-five)\s*(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?)\s*$/i;

function findDateSpans(text: string, now: LocalDateTime): Span[] {
  const shadow = shadowOf(text);
  const reference = { instant: new Date(Date.UTC(now.year, now.month - 1, now.day, now.hour, now.minute)), timezone: 0 };
  const located = chrono.casual
    .parse(shadow.text, reference, { forwardDate: true })
    .map((r) => ({ r, start: toOriginal(shadow, r.index, "start"), end: toOriginal(shadow, r.index + r.text.length, "end") }))
    .filter(({ r, start, end }) => !/^for\s/i.test(r.text) && !BARE_DURATION.test(r.text) && meaningful(r) && plausible(text, start, end));

  const spans: Span[] = [];
  for (let i = 0; i < located.length; i++) {
    const cur = located[i]!;
    let { start, end } = cur;
    let timeResult = cur.r;
    let dayResult: Result | undefined;
    const next = located[i + 1];
    // chrono keeps "Friday" and "by EOD" apart; one expression means one value.
    if (next && JOINABLE_GAP.test(text.slice(end, next.start)) && isDayOnly(cur.r) !== isDayOnly(next.r)) {
      dayResult = isDayOnly(cur.r) ? cur.r : next.r;
      timeResult = isDayOnly(cur.r) ? next.r : cur.r;
      end = next.end;
      i++;
    }
    if (/^\d/.test(text.slice(start)) && /\bthe\s+$/i.test(text.slice(0, start))) start = text.slice(0, start).search(/\bthe\s+$/i);
    const value = resolve(timeResult, dayResult, now);
    let minutes = value.minutes;
    const duration = DURATION.exec(text.slice(end));
    if (duration) {
      minutes ??= durationMinutes(duration);
      end += duration[0].length;
    }
    const lead = /^(at|on|by)\s+/i.exec(text.slice(start, end))?.[0] ?? "";
    spans.push({ start, end, replacement: lead + format(value, minutes) });
  }
  return spans;
}

/** A result worth rewriting: a day, a weekday or a time, not a month alone ("in May"). */
function meaningful(r: Result): boolean {
  const s = r.start;
  return s.isCertain("day") || s.isCertain("weekday") || s.isCertain("hour");
}

/** Rejects matches inside words, names, file names and coordinates. */
function plausible(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  const before = text[start - 1] ?? " ";
  const after = text[end] ?? " ";
  const after2 = text[end + 1] ?? " ";
  if (/[\p{L}\p{N}_\-./@]/u.test(before)) return false;
  if (/[\p{L}\p{N}_@]/u.test(after)) return false;
  if (/[.\-_/:]/.test(after) && /[\p{L}\p{N}]/u.test(after2)) return false;
  if (DOTTED_DATE.test(span) || BARE_ABBREVIATION.test(span.trim())) return false;
  // A date already written as 'YYYY-MM-DD' is absolute; it is also how files are named.
  if (/^(?:on\s+)?\d{4}-\d{2}-\d{2}$/i.test(span)) return false;
  if (!DATE_WORD.test(span) && !NUMERIC_DATE.test(span)) return false;
  return true;
}

function isDayOnly(r: Result): boolean {
  return !r.start.isCertain("hour") && (r.start.isCertain("day") || r.start.isCertain("weekday"));
}

interface Value {
  day: LocalDateTime;
  /** The start, when a time of day was said. */
  time?: LocalDateTime;
  /** From a range ("from 2 to 3pm"). */
  minutes?: number;
}

/** Applies the conventions to chrono's reading of one expression. */
function resolve(r: Result, dayResult: Result | undefined, now: LocalDateTime): Value {
  const today: LocalDateTime = { ...now, hour: 0, minute: 0, second: 0 };
  const s = r.start;

  if (r.tags().has("result/relativeDateAndTime")) {
    const t = componentsOf(s);
    return { day: { ...t, hour: 0, minute: 0 }, time: t };
  }

  const hasTime = s.isCertain("hour");
  let hour = 0;
  let minute = 0;
  if (hasTime) {
    minute = s.get("minute") ?? 0;
    // A range whose start has no am/pm of its own ("11-12:30pm") follows the bare-hour rule too.
    const rangeStart = r.end ? /(?:^|\s)(?:from\s+)?(\d{1,2})(?::\d\d)?\s*(?:-|–|to|until|till)\s*\d/i.exec(r.text) : null;
    const said = rangeStart ? false : meridiemSaid(r.text, s);
    hour = bareHour(rangeStart ? Number(rangeStart[1]) % 24 : (s.get("hour") ?? 0), said);
  }

  const dayComponents = dayResult?.start ?? s;
  let day: LocalDateTime;
  if (dayComponents.isCertain("weekday") && !dayComponents.isCertain("day")) {
    // A weekday is the first such day strictly after today, whatever "this" or "next" says.
    const target = dayComponents.get("weekday")!;
    const todayIndex = WEEKDAY_INDEX[weekdayName(today)]!;
    day = addMinutes(today, (((target - todayIndex + 6) % 7) + 1) * 24 * 60);
  } else if (dayComponents.isCertain("day")) {
    const c = componentsOf(dayComponents);
    day = { ...today, year: c.year, month: c.month, day: c.day };
  } else {
    // A time without a day: today if still ahead, else tomorrow.
    day = hour * 60 + minute > now.hour * 60 + now.minute ? today : addMinutes(today, 24 * 60);
  }

  if (!hasTime) return { day };
  const time = { ...day, hour, minute, second: 0 };
  if (r.end && r.end.isCertain("hour")) {
    const endHour = bareHour(r.end.get("hour") ?? 0, meridiemSaid(r.text, r.end));
    let end = { ...day, hour: endHour, minute: r.end.get("minute") ?? 0, second: 0 };
    if (toEpochMinutes(end) <= toEpochMinutes(time)) end = addMinutes(end, 24 * 60);
    return { day, time, minutes: toEpochMinutes(end) - toEpochMinutes(time) };
  }
  return { day, time };
}

/** am/pm said, or a 24-hour clock ("14:30", "06:15"). */
function meridiemSaid(text: string, c: chrono.ParsedComponents): boolean {
  return c.isCertain("meridiem") || /\b(?:0\d|1[3-9]|2[0-3]):[0-5]\d\b/.test(text);
}

/** A bare hour follows the convention: 1–7 is pm, 8–11 is am, 12 is noon. */
function bareHour(hour: number, said: boolean): number {
  if (said || hour >= 12 || hour === 0) return hour;
  return hour <= 7 ? hour + 12 : hour;
}

const WEEKDAY_INDEX: Record<string, number> = { Sunday: 0, Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6 };

function componentsOf(c: chrono.ParsedComponents): LocalDateTime {
  return {
    year: c.get("year")!,
    month: c.get("month")!,
    day: c.get("day")!,
    hour: c.get("hour") ?? 0,
    minute: c.get("minute") ?? 0,
    second: 0,
  };
}

function durationMinutes(m: RegExpExecArray): number {
  const raw = m[1]!.toLowerCase();
  const n = NUMBERS[raw] ?? Number(raw);
  const hours = m[2]!.toLowerCase().startsWith("h");
  const base = hours ? n * 60 : n;
  return Math.round(base + (m[3] ? (hours ? 30 : 0.5 * n) : 0));
}

function format(v: Value, minutes: number | undefined): string {
  const length = minutes ?? DEFAULT_MINUTES;
  if (!v.time) {
    const start = { ...v.day, hour: DAY_START_HOUR, minute: 0, second: 0 };
    const end = formatLocalDateTime(addMinutes(start, length));
    return `${formatLocalDate(v.day)} (all day; or ${formatLocalDateTime(start)}, ends ${end}, ${length} min)`;
  }
  return `${formatLocalDateTime(v.time)} (ends ${formatLocalDateTime(addMinutes(v.time, length))}, ${length} min)`;
}
