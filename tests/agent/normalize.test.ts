import { normalizeRequest } from "../../src/agent/normalize";
import type { LocalDateTime } from "../../src/core/time/localDateTime";

// Sunday 2026-11-22 10:00.
const NOW: LocalDateTime = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
const norm = (q: string, now = NOW) => normalizeRequest(q, now).text;
const at = (dt: string, end: string, minutes = 60) => `${dt} (ends ${end}, ${minutes} min)`;
const day = (d: string, end = `${d} 10:00:00`, minutes = 60) => `${d} (all day; or ${d} 09:00:00, ends ${end}, ${minutes} min)`;

describe("normalizeRequest", () => {
  test("keeps text without dates as it is (whitespace collapsed) and reports no change", () => {
    expect(normalizeRequest("  Text Sid   that I'm late ", NOW)).toEqual({ text: "Text Sid that I'm late", changes: [] });
  });

  test("a length of time alone is not a moment: the message keeps it", () => {
    for (const q of ["Text Sid that I'm running 10 minutes late", "tell Ann I'll be 5 min late", "the meeting runs 30 minutes over"])
      expect(norm(q)).toBe(q);
    expect(norm("remind me in 10 minutes to call mom")).toBe(`remind me ${at("2026-11-22 10:10:00", "2026-11-22 11:10:00")} to call mom`);
    expect(norm("ping me 2 hours from now")).toBe(`ping me ${at("2026-11-22 12:00:00", "2026-11-22 13:00:00")}`);
  });

  test("tomorrow, in N days, next week", () => {
    expect(norm("remind me tomorrow to call Ana")).toBe(`remind me ${day("2026-11-23")} to call Ana`);
    expect(norm("in 3 days")).toBe(day("2026-11-25"));
    expect(norm("in three days")).toBe(day("2026-11-25"));
    expect(norm("next week")).toBe(day("2026-11-29"));
    expect(norm("the day after tomorrow")).toBe(day("2026-11-24"));
    expect(norm("tmrw at 2pm")).toBe(at("2026-11-23 14:00:00", "2026-11-23 15:00:00"));
  });

  test("a weekday is the first such day strictly after today, with this/next or not", () => {
    expect(norm("on Sunday")).toBe(`on ${day("2026-11-29")}`);
    for (const q of ["Friday", "this Friday", "next Friday"]) expect(norm(q)).toBe(day("2026-11-27"));
    const wednesday = { ...NOW, day: 25 };
    expect(norm("next Friday", wednesday)).toBe(day("2026-11-27"));
    expect(norm("on Wednesday", wednesday)).toBe(`on ${day("2026-12-02")}`);
    expect(norm("on fri at 3")).toBe(`on ${at("2026-11-27 15:00:00", "2026-11-27 16:00:00")}`);
  });

  test("a bare hour: 1–7 is pm, 8–11 am, 12 noon; am/pm and 24-hour clocks are kept", () => {
    expect(norm("tomorrow at 2")).toBe(at("2026-11-23 14:00:00", "2026-11-23 15:00:00"));
    expect(norm("tomorrow at 7:30")).toBe(at("2026-11-23 19:30:00", "2026-11-23 20:30:00"));
    expect(norm("tomorrow at 9")).toBe(at("2026-11-23 09:00:00", "2026-11-23 10:00:00"));
    expect(norm("tomorrow at 12")).toBe(at("2026-11-23 12:00:00", "2026-11-23 13:00:00"));
    expect(norm("tomorrow at 2am")).toBe(at("2026-11-23 02:00:00", "2026-11-23 03:00:00"));
    expect(norm("tomorrow at 06:15")).toBe(at("2026-11-23 06:15:00", "2026-11-23 07:15:00"));
    expect(norm("tomorrow at 14:30")).toBe(at("2026-11-23 14:30:00", "2026-11-23 15:30:00"));
  });

  test("parts of the day have fixed hours", () => {
    expect(norm("tomorrow morning")).toBe(at("2026-11-23 09:00:00", "2026-11-23 10:00:00"));
    expect(norm("tomorrow at noon")).toBe(at("2026-11-23 12:00:00", "2026-11-23 13:00:00"));
    expect(norm("Friday at lunch")).toBe(at("2026-11-27 12:00:00", "2026-11-27 13:00:00"));
    expect(norm("Friday afternoon")).toBe(at("2026-11-27 15:00:00", "2026-11-27 16:00:00"));
    expect(norm("finish it by end of day")).toBe(`finish it by ${at("2026-11-22 17:00:00", "2026-11-22 18:00:00")}`);
    expect(norm("Friday by EOD")).toBe(at("2026-11-27 17:00:00", "2026-11-27 18:00:00"));
    expect(norm("this evening")).toBe(at("2026-11-22 18:00:00", "2026-11-22 19:00:00"));
    expect(norm("tonight")).toBe(at("2026-11-22 20:00:00", "2026-11-22 21:00:00"));
    expect(norm("tonight at 8")).toBe(at("2026-11-22 20:00:00", "2026-11-22 21:00:00"));
    expect(norm("September 17 in the morning")).toBe(at("2027-09-17 09:00:00", "2027-09-17 10:00:00"));
  });

  test("a time without a day is today if still ahead, else tomorrow", () => {
    expect(norm("at 3pm")).toBe(`at ${at("2026-11-22 15:00:00", "2026-11-22 16:00:00")}`);
    expect(norm("at 9am")).toBe(`at ${at("2026-11-23 09:00:00", "2026-11-23 10:00:00")}`);
    expect(norm("in the morning")).toBe(at("2026-11-23 09:00:00", "2026-11-23 10:00:00"));
  });

  test("in N hours/minutes is now plus that, seconds 00", () => {
    expect(norm("in 2 hours", { ...NOW, minute: 17, second: 42 })).toBe(at("2026-11-22 12:17:00", "2026-11-22 13:17:00"));
    expect(norm("in 45 minutes")).toBe(at("2026-11-22 10:45:00", "2026-11-22 11:45:00"));
  });

  test("a stated length or a range gives the end and the minutes to copy", () => {
    expect(norm("tomorrow at 2pm for 30 minutes")).toBe(at("2026-11-23 14:00:00", "2026-11-23 14:30:00", 30));
    expect(norm("Friday at 10 for an hour and a half")).toBe(at("2026-11-27 10:00:00", "2026-11-27 11:30:00", 90));
    expect(norm("tomorrow at 5 for 2 hours")).toBe(at("2026-11-23 17:00:00", "2026-11-23 19:00:00", 120));
    expect(norm("tomorrow from 2 to 3:30pm")).toBe(at("2026-11-23 14:00:00", "2026-11-23 15:30:00", 90));
    expect(norm("Friday 11-12:30pm")).toBe(at("2026-11-27 11:00:00", "2026-11-27 12:30:00", 90));
  });

  test("dates with a month name: the next such date on or after today", () => {
    expect(norm("on November 27")).toBe(`on ${day("2026-11-27")}`);
    expect(norm("on Nov 22 at 4pm")).toBe(`on ${at("2026-11-22 16:00:00", "2026-11-22 17:00:00")}`);
    expect(norm("November 21")).toBe(day("2027-11-21"));
    expect(norm("the 3rd of December at 9am")).toBe(at("2026-12-03 09:00:00", "2026-12-03 10:00:00"));
  });

  test("leaves names, file names, addresses and words that only look like dates alone", () => {
    for (const q of [
      "text Thu Liên that I'm late",
      "email June about the budget",
      "open report_24.04.2025_final.pdf",
      "summarize Budget 2026-11-13 final.pdf",
      "show 282 W 6th Avenue in maps",
      "directions to 39.9549, 24.4920",
      "the sun is out and I sat down",
      "we need to scuffle the weighty sausages",
      "text Nguyễn Thuận that the code is 800594",
    ])
      expect(norm(q)).toBe(q);
  });

  test("reports each change", () => {
    expect(normalizeRequest("Remind me on Friday at 6pm to water the plants", NOW).changes).toEqual([
      { from: "on Friday at 6pm", to: `on ${at("2026-11-27 18:00:00", "2026-11-27 19:00:00")}`, at: 10 },
    ]);
  });
});
