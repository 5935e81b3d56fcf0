import { addMinutes, formatLocalDate, parseLocalDateTime, weekdayName, type LocalDateTime } from "../core/time/localDateTime";
import { buildScript, date, list, text } from "./script";
import { MESSAGE_FOR_PEOPLE } from "./scriptErrors";

/** "Unless otherwise specified, the default meeting duration is 60 minutes." */
export const DEFAULT_EVENT_MINUTES = 60;

export interface CalendarEvent {
  title: string;
  start: LocalDateTime;
  end: LocalDateTime;
  location: string;
  notes: string;
  /** Empty: the first calendar events can be added to. */
  calendar: string;
  invitees: string[];
}

/** create_calendar_event's arguments, already checked: a start date-time, an end date-time or "". */
export interface CalendarEventArgs {
  title: string;
  start_date: string;
  end_date: string;
  location: string;
  invitees: readonly string[];
  notes: string;
  calendar: string;
}

/** The event the arguments describe; a missing end is the start plus 60 minutes (wall clock). */
export function calendarEvent(args: CalendarEventArgs): CalendarEvent {
  const start = parseLocalDateTime(args.start_date)!.value;
  const end = args.end_date.trim() === "" ? addMinutes(start, DEFAULT_EVENT_MINUTES) : parseLocalDateTime(args.end_date)!.value;
  return {
    title: args.title,
    start,
    end,
    location: args.location,
    notes: args.notes,
    calendar: args.calendar.trim(),
    invitees: args.invitees.map((i) => i.trim()),
  };
}

/**
 * Calendar has no "default calendar" in its dictionary: without a (known) name, the event goes to the
 * first calendar that accepts events, and the result says which one that was.
 */
export function calendarEventScript(event: CalendarEvent): string {
  return buildScript({
    values: {
      theTitle: text(event.title),
      theLocation: text(event.location),
      theNotes: text(event.notes),
      theCalendarName: text(event.calendar),
      theInvitees: list(event.invitees),
      theStart: date(event.start),
      theEnd: date(event.end),
    },
    body: [
      'tell application "Calendar"',
      "\tset theCalendars to {}",
      '\tif theCalendarName is not "" then set theCalendars to every calendar whose name is theCalendarName and writable is true',
      "\tset theFallback to theCalendars is {}",
      "\tif theFallback then set theCalendars to every calendar whose writable is true",
      `\tif theCalendars is {} then error "Calendar has no calendar that events can be added to." number ${MESSAGE_FOR_PEOPLE}`,
      "\tset theCalendar to item 1 of theCalendars",
      "\tset theEvent to make new event at end of events of theCalendar with properties {summary:theTitle, start date:theStart, end date:theEnd, location:theLocation, description:theNotes}",
      "\trepeat with theAddress in theInvitees",
      "\t\tmake new attendee at end of attendees of theEvent with properties {email:(contents of theAddress)}",
      "\tend repeat",
      "\treturn (name of theCalendar) & US & (uid of theEvent) & US & (theFallback as text)",
      "end tell",
    ],
  });
}

const hhmm = (t: LocalDateTime) => `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;

/** "Monday 2026-11-23 14:00–15:00", or with both dates when the event crosses midnight. */
export function formatTimeRange(start: LocalDateTime, end: LocalDateTime): string {
  const day = (t: LocalDateTime) => `${weekdayName(t)} ${formatLocalDate(t)}`;
  const sameDay = formatLocalDate(start) === formatLocalDate(end);
  return sameDay ? `${day(start)} ${hhmm(start)}–${hhmm(end)}` : `${day(start)} ${hhmm(start)} – ${day(end)} ${hhmm(end)}`;
}
