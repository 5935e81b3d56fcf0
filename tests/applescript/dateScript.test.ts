import fc from "fast-check";
import { calendarEvent, calendarEventScript, formatTimeRange } from "../../src/applescript/calendar";
import { setDateLines } from "../../src/applescript/dateScript";
import { reminder } from "../../src/applescript/reminders";
import type { LocalDateTime } from "../../src/core/time/localDateTime";
import { TOOLS } from "../../src/tools/catalog";
import { runDateLines } from "../support/appleScriptDates";

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const localDateTime = fc
  .record({
    year: fc.integer({ min: 1970, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  })
  .map((t) => ({ ...t, day: Math.min(t.day, daysIn(t.year, t.month)) }));

describe("dates are built field by field", () => {
  test("from any current date, the lines reach exactly the target (AppleScript's roll-over modelled)", () => {
    fc.assert(
      fc.property(localDateTime, localDateTime, (now, target) => {
        expect(runDateLines(setDateLines("theStart", target), "theStart", now)).toEqual(target);
      }),
      { numRuns: 1000 },
    );
  });

  test.each<[string, LocalDateTime, LocalDateTime]>([
    [
      "today the 31st, target in February",
      { year: 2026, month: 1, day: 31, hour: 9, minute: 0, second: 0 },
      { year: 2026, month: 2, day: 10, hour: 14, minute: 0, second: 0 },
    ],
    [
      "today Feb 29, target a year without one",
      { year: 2028, month: 2, day: 29, hour: 9, minute: 0, second: 0 },
      { year: 2027, month: 2, day: 28, hour: 8, minute: 30, second: 0 },
    ],
    [
      "New Year's Eve to New Year",
      { year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59 },
      { year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0 },
    ],
  ])("%s", (_case, now, target) => {
    expect(runDateLines(setDateLines("theDue", target), "theDue", now)).toEqual(target);
  });

  test("the order matters: without setting the day to 1 first, the 31st rolls into the wrong month", () => {
    const now = { year: 2026, month: 1, day: 31, hour: 9, minute: 0, second: 0 };
    const target = { year: 2026, month: 2, day: 10, hour: 14, minute: 0, second: 0 };
    const naive = setDateLines("d", target).filter((line) => line !== "set day of d to 1");
    expect(runDateLines(naive, "d", now)).toMatchObject({ month: 3 });
  });

  test("months are AppleScript's constants and every field is a plain number", () => {
    expect(setDateLines("theStart", { year: 2026, month: 11, day: 23, hour: 14, minute: 5, second: 0 })).toEqual([
      "set theStart to current date",
      "set day of theStart to 1",
      "set year of theStart to 2026",
      "set month of theStart to November",
      "set day of theStart to 23",
      "set hours of theStart to 14",
      "set minutes of theStart to 5",
      "set seconds of theStart to 0",
    ]);
  });
});

const eventArgs = (start: string, end = "") => TOOLS.create_calendar_event.argsSchema.parse(["Sync", start, end, "", [], "", ""]);

describe("event ends and reminder dates", () => {
  test.each([
    ["an hour after the start by default", "2026-11-23 14:00:00", { year: 2026, month: 11, day: 23, hour: 15, minute: 0 }],
    ["across the year's end", "2026-12-31 23:30:00", { year: 2027, month: 1, day: 1, hour: 0, minute: 30 }],
    ["into a leap day", "2028-02-28 23:15:00", { year: 2028, month: 2, day: 29, hour: 0, minute: 15 }],
    // Wall-clock arithmetic: on a daylight-saving change the end is the start's clock time plus 60
    // minutes; macOS resolves 02:30 on a spring-forward night to 03:30, which is one real hour later.
    ["on the US spring-forward night", "2026-03-08 01:30:00", { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }],
    ["on the EU fall-back night", "2026-10-25 02:30:00", { year: 2026, month: 10, day: 25, hour: 3, minute: 30 }],
  ])("a missing end is %s", (_case, start, end) => {
    const event = calendarEvent(eventArgs(start));
    expect(event.end).toMatchObject(end);
    const script = calendarEventScript(event);
    expect(script).toContain(`set year of theEnd to ${end.year}`);
    expect(script).toContain(`set hours of theEnd to ${end.hour}`);
  });

  test("a given end is kept; the time range reads well across midnight", () => {
    const event = calendarEvent(eventArgs("2026-11-23 22:00:00", "2026-11-24 01:00:00"));
    expect(formatTimeRange(event.start, event.end)).toBe("Monday 2026-11-23 22:00 – Tuesday 2026-11-24 01:00");
    expect(formatTimeRange(event.start, calendarEvent(eventArgs("2026-11-23 22:00:00")).end)).toBe("Monday 2026-11-23 22:00–23:00");
  });

  const reminderArgs = (due: string, allDay: boolean) => TOOLS.create_reminder.argsSchema.parse(["Pay rent", due, "", "", 0, allDay]);

  test.each([
    ["a date and time", "2026-12-01 09:30:00", false, { allDay: false, at: { day: 1, hour: 9, minute: 30 } }],
    ["all day drops the time", "2026-12-01 09:30:00", true, { allDay: true, at: { day: 1, hour: 0, minute: 0 } }],
    ["a date alone is all day", "2026-12-01", false, { allDay: true, at: { day: 1, hour: 0 } }],
  ])("reminder due: %s", (_case, due, allDay, expected) => {
    expect(reminder(reminderArgs(due, allDay)).due).toMatchObject(expected);
  });

  test("no due date, no date lines", () => {
    expect(reminder(reminderArgs("", false)).due).toBeUndefined();
  });
});
