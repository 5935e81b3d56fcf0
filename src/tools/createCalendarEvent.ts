import { calendarEvent, calendarEventScript, formatTimeRange } from "../applescript/calendar";
import { parseRecords } from "../applescript/script";
import { emailAddresses, endsAfterStart, requireValid, type IsKnown } from "../core/tools/argumentChecks";
import { param } from "../core/tools/params";
import { defineTool, type ArgsOf } from "./defineTool";

const params = [
  param.title("title"),
  param.dateTime("start_date"),
  param.optionalDateTime("end_date"),
  param.place("location"),
  param.addresses("invitees"),
  param.text("notes"),
  param.container("calendar"),
] as const;

const checks = (a: ArgsOf<typeof params>, known: IsKnown) => [
  ...endsAfterStart(a.start_date, a.end_date, known),
  ...emailAddresses(a.invitees, "Invitee", known),
];

export const createCalendarEvent = defineTool({
  name: "create_calendar_event",
  title: "New Calendar Event",
  app: "Calendar",
  effect: "write",
  params,
  description: `create_calendar_event(title: str, start_date: str, end_date: str, location: str, invitees: list[str], notes: str, calendar: str) -> str
 - Create a calendar event.
 - The format for start_date and end_date is 'YYYY-MM-DD HH:MM:SS'.
 - For invitees, you need a list of email addresses; use an empty list if not applicable.
 - For location, notes, and calendar, use an empty string or None if not applicable.
 - Returns the status of the event creation.
`,
  checks,
  mac: {
    preview: (args) => calendarEventScript(calendarEvent(args)),
    run: async (args, ctx) => {
      requireValid(checks, args);
      const event = calendarEvent(args);
      const output = await ctx.runner.appleScript(calendarEventScript(event), { signal: ctx.signal, app: "Calendar" });
      const [calendarName = "?", , fallback] = parseRecords(output)[0] ?? [];
      const parts = [`Created “${event.title}” in calendar “${calendarName}”: ${formatTimeRange(event.start, event.end)}`];
      if (event.location.trim() !== "") parts.push(`at ${event.location}`);
      if (event.invitees.length > 0) parts.push(`with ${event.invitees.join(", ")} invited`);
      const result = `${parts.join(", ")}.`;
      if (fallback !== "true") return result;
      const why = event.calendar === "" ? "No calendar was named" : `There is no calendar named “${event.calendar}” that accepts events`;
      return `${result} ${why}, so it went to “${calendarName}”.`;
    },
  },
});
