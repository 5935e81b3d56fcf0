import { addMinutes, formatLocalDate, formatLocalDateTime, weekdayName, type LocalDateTime } from "../../src/core/time/localDateTime";
import type { Rng } from "./rng";

/**
 * Date and time expressions with their gold values, computed here from the conventions in
 * training/README.md — never by the product's normalizer, which is tested against these.
 */

export interface When {
  surface: string;
  /** The day, at 00:00. */
  day: LocalDateTime;
  /** The time of day, when one was said (or implied by "in 2 hours"). */
  start?: LocalDateTime;
  /** A stated length in minutes ("for 30 minutes", or from a range). */
  minutes?: number;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY_SHORT = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

const midnight = (t: LocalDateTime): LocalDateTime => ({ ...t, hour: 0, minute: 0, second: 0 });
const addDays = (t: LocalDateTime, days: number) => addMinutes(midnight(t), days * 24 * 60);
const at = (day: LocalDateTime, hour: number, minute = 0): LocalDateTime => ({ ...midnight(day), hour, minute });
const minutesOfDay = (t: LocalDateTime) => t.hour * 60 + t.minute;
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/** A random `now`: 2025–2027, 06:00–22:59, seconds 00. */
export function randomNow(rng: Rng): LocalDateTime {
  const base = { year: 2025, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  const day = addDays(base, rng.int(0, 3 * 365 - 1));
  return at(day, rng.int(6, 22), rng.pick([0, 0, 0, 15, 30, 45, rng.int(0, 59)]));
}

interface DayExpr {
  surface: string;
  day: LocalDateTime;
  /** "today"/"tonight" words: the day is fixed, parts of the day never roll over. */
  explicit: boolean;
}

function dayExpression(rng: Rng, now: LocalDateTime): DayExpr {
  const today = midnight(now);
  const kind = rng.weighted<string>([
    [10, "tomorrow"],
    [4, "today"],
    [2, "dayAfter"],
    [16, "weekday"],
    [5, "inDays"],
    [2, "nextWeek"],
    [9, "absolute"],
  ]);
  switch (kind) {
    case "tomorrow":
      return {
        surface: rng.weighted([
          [8, "tomorrow"],
          [2, "tmrw"],
          [1, "tmr"],
          [1, "Tomorrow"],
        ]),
        day: addDays(today, 1),
        explicit: true,
      };
    case "today":
      return { surface: "today", day: today, explicit: true };
    case "dayAfter":
      return { surface: rng.pick(["the day after tomorrow", "day after tomorrow"]), day: addDays(today, 2), explicit: true };
    case "weekday": {
      const offset = rng.int(1, 7);
      const day = addDays(today, offset);
      const index = WEEKDAYS.indexOf(weekdayName(day).toLowerCase());
      const short = rng.chance(0.2);
      const name = short
        ? rng.pick([cap(WEEKDAY_SHORT[index]!), WEEKDAY_SHORT[index]!])
        : rng.weighted<string>([
            [3, cap(WEEKDAYS[index]!)],
            [1, WEEKDAYS[index]!],
          ]);
      // "sat", "sun" alone read as words; abbreviations come after "on", "this" or "next".
      const surface = rng.weighted<string>([
        [short ? 0 : 4, name],
        [4, `on ${name}`],
        [2, `this ${name}`],
        [2, `next ${name}`],
      ]);
      return { surface, day, explicit: false };
    }
    case "inDays": {
      const n = rng.int(2, 10);
      return { surface: `in ${rng.chance(0.7) ? n : NUMBER_WORDS[n]} days`, day: addDays(today, n), explicit: false };
    }
    case "nextWeek":
      return { surface: "next week", day: addDays(today, 7), explicit: false };
    default: {
      const day = addDays(today, rng.int(1, 300));
      const m = day.month - 1;
      const surface = rng.weighted<string>([
        [3, `${MONTHS[m]} ${day.day}`],
        [2, `${MONTH_SHORT[m]} ${day.day}`],
        [2, `${day.day} ${MONTHS[m]}`],
        [2, `${MONTHS[m]} ${ordinal(day.day)}`],
        [1, `the ${ordinal(day.day)} of ${MONTHS[m]}`],
        [1, `${day.month}/${day.day}`],
        [1, `${MONTHS[m]} ${day.day}, ${day.year}`],
      ]);
      return { surface: rng.chance(0.5) && !surface.startsWith("the") ? `on ${surface}` : surface, day, explicit: false };
    }
  }
}

interface TimeExpr {
  surface: string;
  hour: number;
  minute: number;
}

function clockTime(rng: Rng): TimeExpr {
  const hour24 = rng.weighted<number>([
    [3, rng.int(8, 11)],
    [1, 12],
    [4, rng.int(13, 19)],
    [1, rng.int(20, 22)],
    [0.3, rng.int(6, 7)],
  ]);
  const minute = rng.weighted<number>([
    [6, 0],
    [3, 30],
    [2, rng.pick([15, 45])],
    [1, rng.int(1, 59)],
  ]);
  const h12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const mer = hour24 < 12 ? "am" : "pm";
  const mm = String(minute).padStart(2, "0");
  const merText = rng.weighted<string>([
    [6, mer],
    [2, ` ${mer}`],
    [1, ` ${mer.toUpperCase()}`],
    [0.5, mer === "am" ? " a.m." : " p.m."],
  ]);
  const forms: [number, string][] = [
    [6, minute === 0 ? `${h12}${merText}` : `${h12}:${mm}${merText}`],
    [2, `${String(hour24).padStart(2, "0")}:${mm}`],
  ];
  // A bare hour follows the convention: 1–7 is pm, 8–11 is am, 12 is noon.
  const bareOk = (hour24 >= 13 && hour24 <= 19) || (hour24 >= 8 && hour24 <= 12);
  if (bareOk) forms.push([3, minute === 0 ? `${h12}` : `${h12}:${mm}`]);
  const text = rng.weighted(forms);
  // Without "at", a bare number after a date reads as a year ("18 March 11").
  const withAt = rng.chance(0.85) || /^\d+$/.test(text);
  return { surface: withAt ? `at ${text}` : text, hour: hour24, minute };
}

function partOfDay(rng: Rng): TimeExpr {
  return rng.weighted<TimeExpr>([
    [3, { surface: rng.pick(["in the morning", "morning"]), hour: 9, minute: 0 }],
    [2, { surface: rng.pick(["at noon", "noon", "at lunch", "at lunchtime"]), hour: 12, minute: 0 }],
    [2, { surface: rng.pick(["in the afternoon", "afternoon"]), hour: 15, minute: 0 }],
    [2, { surface: rng.pick(["end of day", "by end of day", "by EOD", "EOD", "by the end of the day"]), hour: 17, minute: 0 }],
    [2, { surface: rng.pick(["in the evening", "evening"]), hour: 18, minute: 0 }],
  ]);
}

const DURATIONS: readonly [string, number][] = [
  ["for 30 minutes", 30],
  ["for 30 min", 30],
  ["for 15 minutes", 15],
  ["for 45 minutes", 45],
  ["for 45 mins", 45],
  ["for 20 minutes", 20],
  ["for an hour", 60],
  ["for 1 hour", 60],
  ["for 2 hours", 120],
  ["for 90 minutes", 90],
  ["for an hour and a half", 90],
  ["for half an hour", 30],
  ["for 3 hours", 180],
  ["for 25 mins", 25],
  ["for 10 minutes", 10],
];

export interface WhenOptions {
  /** Allow "for 30 minutes" and "from 2 to 3pm" (events and meetings). */
  duration?: boolean;
  /** Allow a day without a time. */
  dayOnly?: boolean;
  /** Allow "in 2 hours" (reminders). */
  relative?: boolean;
}

/** A date/time expression and its gold value relative to `now`. */
export function when(rng: Rng, now: LocalDateTime, options: WhenOptions = {}): When {
  const today = midnight(now);
  const shape = rng.weighted<string>([
    [options.dayOnly ? 14 : 0, "day"],
    [40, "dayClock"],
    [12, "dayPart"],
    [8, "clock"],
    [6, "todayPart"],
    [options.relative ? 8 : 0, "relative"],
    [options.duration ? 10 : 0, "range"],
  ]);
  let result: When;
  switch (shape) {
    case "day": {
      const d = dayExpression(rng, now);
      result = { surface: d.surface, day: d.day };
      break;
    }
    case "dayClock": {
      const d = dayExpression(rng, now);
      const t = clockTime(rng);
      // "at 6 June 3" is ambiguous: a time goes first only when it says am/pm or minutes.
      const timeFirst = rng.chance(0.3) && /[ap]\.?m\.?$|:\d\d/i.test(t.surface) && !/:\d\d$/.test(t.surface);
      const surface = timeFirst ? `${t.surface} ${d.surface}` : `${d.surface} ${t.surface}`;
      result = { surface, day: d.day, start: at(d.day, t.hour, t.minute) };
      break;
    }
    case "dayPart": {
      let d = dayExpression(rng, now);
      while (/^(today|in |next week)/.test(d.surface)) d = dayExpression(rng, now);
      const t = partOfDay(rng);
      const bare = d.surface.replace(/^on /, "");
      const surface = /^(noon|morning|afternoon|evening)$/.test(t.surface)
        ? `${bare} ${t.surface}`
        : rng.chance(0.7)
          ? `${d.surface} ${t.surface}`
          : `${t.surface} ${d.surface}`;
      result = { surface, day: d.day, start: at(d.day, t.hour, t.minute) };
      break;
    }
    case "clock": {
      const t = clockTime(rng);
      // A time without a day is today if still ahead, else tomorrow.
      const day = t.hour * 60 + t.minute > minutesOfDay(now) ? today : addDays(today, 1);
      result = { surface: t.surface, day, start: at(day, t.hour, t.minute) };
      break;
    }
    case "todayPart": {
      const parts: [number, string][] = [
        [9, "this morning"],
        [15, "this afternoon"],
        [17, rng.pick(["by end of day", "end of day", "EOD", "by EOD", "end of day today"])],
        [18, "this evening"],
        [20, "tonight"],
      ];
      // Only parts of today still ahead: "this morning" said at 3pm is not a request for the past.
      const ahead = parts.filter(([h]) => h * 60 > minutesOfDay(now));
      if (ahead.length === 0) return when(rng, now, options);
      const [hour, surface] = rng.pick(ahead);
      result = { surface, day: today, start: at(today, hour) };
      break;
    }
    case "relative": {
      const hours = rng.int(2, 6);
      const minutes = rng.pick([5, 10, 15, 20, 25, 30, 40, 45, 90]);
      const spokenMinutes = rng.pick([2, 3, 5, 10]);
      // Spoken numbers: the normalizer (chrono) reads "one" to "twelve", not "fifteen" or "twenty".
      const [amount, n] = rng.weighted<[string, number]>([
        [5, [`${hours} hours`, hours * 60]],
        [1, [`${NUMBER_WORDS[hours]} hours`, hours * 60]],
        [3, ["an hour", 60]],
        [3, ["half an hour", 30]],
        [5, [`${minutes} minutes`, minutes]],
        [3, [`${rng.pick([10, 15, 20, 30])} mins`, 0]],
        [2, [`${NUMBER_WORDS[spokenMinutes]} minutes`, spokenMinutes]],
      ]);
      const total = n || Number(/\d+/.exec(amount)![0]);
      // "in 10 minutes", or as people also say it, "10 minutes from now".
      const surface = rng.chance(0.8) ? `in ${amount}` : `${amount} from now`;
      const start = { ...addMinutes(now, total), second: 0 };
      result = { surface, day: midnight(start), start };
      break;
    }
    default: {
      const d = dayExpression(rng, now);
      const startHour = rng.int(8, 17);
      const length = rng.pick([1, 1, 1, 2, 3]);
      const endHour = startHour + length;
      const h12 = (h: number) => (h % 12 === 0 ? 12 : h % 12);
      const mer = (h: number) => (h < 12 ? "am" : "pm");
      const bare = (h: number) => (h >= 1 + 12 && h <= 7 + 12) || (h >= 8 && h <= 12);
      const half = rng.chance(0.2) ? 30 : 0;
      const endText = `${h12(endHour)}${half ? ":30" : ""}${mer(endHour)}`;
      const startText = bare(startHour) && bare(endHour) && rng.chance(0.5) ? `${h12(startHour)}` : `${h12(startHour)}${mer(startHour)}`;
      const range = rng.pick([`from ${startText} to ${endText}`, `${startText}-${endText}`, `from ${startText} until ${endText}`]);
      const surface = rng.chance(0.7) ? `${d.surface} ${range}` : `${range} ${d.surface}`;
      result = { surface, day: d.day, start: at(d.day, startHour), minutes: length * 60 + half };
      break;
    }
  }
  if (options.duration && result.start && result.minutes === undefined && shape !== "relative" && rng.chance(0.2)) {
    const [text, minutes] = rng.pick(DURATIONS);
    result = { ...result, surface: `${result.surface} ${text}`, minutes };
  }
  return result;
}

/** An event's or meeting's start and end (start + stated length, else 60; a bare day starts at 09:00). */
export function eventTimes(w: When): { start: string; end: string; minutes: number } {
  const start = w.start ?? at(w.day, 9);
  const minutes = w.minutes ?? 60;
  return { start: formatLocalDateTime(start), end: formatLocalDateTime(addMinutes(start, minutes)), minutes };
}

/** A reminder's due date and all-day flag. */
export function reminderDue(w: When | undefined): { due: string; allDay: boolean } {
  if (!w) return { due: "", allDay: false };
  if (!w.start) return { due: formatLocalDate(w.day), allDay: true };
  return { due: formatLocalDateTime(w.start), allDay: false };
}

/**
 * The same moment said after "for" ("set a reminder for {when}"): "for Friday", "for 5pm", "for 10
 * minutes from now", "for tomorrow morning", never "for on Friday" or "for in 2 hours".
 */
export function afterFor(surface: string): string {
  const relative = /^in ((?:an?|half an|\d+|\w+) (?:hours?|minutes?|mins|days))\b(.*)$/.exec(surface);
  if (relative) return `${relative[1]} from now${relative[2]}`;
  // A bare hour keeps its "at": "for 3" is not a time. "on sat" keeps its "on" too: a weekday
  // abbreviation alone reads as a word ("sat", "sun"), not with a time after it ("thu at 3").
  return surface.replace(/^(?:in the |on (?!(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$)|at (?!\d{1,2}(?:\s|$))|by (?:the )?)/i, "");
}
