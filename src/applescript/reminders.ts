import { parseLocalDateTime, type LocalDateTime } from "../core/time/localDateTime";
import { buildScript, date, integer, text, type ScriptValue } from "./script";

export interface Reminder {
  name: string;
  notes: string;
  /** Empty: Reminders' default list. */
  list: string;
  priority: number;
  due?: { at: LocalDateTime; allDay: boolean };
}

/** create_reminder's arguments, already checked: due_date is a date, a date-time or "". */
export interface ReminderArgs {
  name: string;
  due_date: string;
  notes: string;
  list_name: string;
  priority: number;
  all_day: boolean;
}

/** A date without a time is an all-day reminder, whatever all_day says; all_day drops the time of a date-time. */
export function reminder(args: ReminderArgs): Reminder {
  const parsed = args.due_date.trim() === "" ? undefined : parseLocalDateTime(args.due_date);
  const base = { name: args.name, notes: args.notes, list: args.list_name.trim(), priority: args.priority };
  if (!parsed) return base;
  const allDay = args.all_day || parsed.dateOnly;
  const at = allDay ? { ...parsed.value, hour: 0, minute: 0, second: 0 } : parsed.value;
  return { ...base, due: { at, allDay } };
}

export function reminderScript(r: Reminder): string {
  const values: Record<string, ScriptValue> = {
    theName: text(r.name),
    theBody: text(r.notes),
    theListName: text(r.list),
    thePriority: integer(r.priority),
  };
  if (r.due) values.theDue = date(r.due.at);
  const setDue = r.due ? [`\tset ${r.due.allDay ? "allday due date" : "due date"} of theReminder to theDue`] : [];
  return buildScript({
    values,
    body: [
      'tell application "Reminders"',
      "\tset theLists to {}",
      '\tif theListName is not "" then set theLists to every list whose name is theListName',
      "\tset theFallback to theLists is {}",
      "\tif theFallback then",
      "\t\tset theList to default list",
      "\telse",
      "\t\tset theList to item 1 of theLists",
      "\tend if",
      "\tset theReminder to make new reminder at end of reminders of theList with properties {name:theName, body:theBody, priority:thePriority}",
      ...setDue,
      "\treturn (name of theList) & US & (theFallback as text)",
      "end tell",
    ],
  });
}

/** Reminders' scale: 0 none, 1–4 high, 5 medium, 6–9 low. */
export function priorityWord(priority: number): string | undefined {
  if (priority === 0) return undefined;
  return priority <= 4 ? "high" : priority === 5 ? "medium" : "low";
}
