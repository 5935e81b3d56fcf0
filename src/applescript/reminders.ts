import { formatLocalDate, parseLocalDateTime, weekdayName, type LocalDateTime } from "../core/time/localDateTime";
import type { ToolArgs } from "../core/tools/catalog";
import type { MacToolSet } from "./macTool";
import { buildScript, date, integer, parseRecords, text, type ScriptValue } from "./script";

export interface Reminder {
  name: string;
  notes: string;
  /** Empty: Reminders' default list. */
  list: string;
  priority: number;
  due?: { at: LocalDateTime; allDay: boolean };
}

/** A date without a time is an all-day reminder, whatever all_day says; all_day drops the time of a date-time. */
export function reminder(args: ToolArgs<"create_reminder">): Reminder {
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

export const remindersTools: MacToolSet<"create_reminder"> = {
  create_reminder: {
    preview: (args) => reminderScript(reminder(args)),
    run: async (args, ctx) => {
      const r = reminder(args);
      const output = await ctx.runner.appleScript(reminderScript(r), { signal: ctx.signal, app: "Reminders" });
      const [listName = "?", fallback] = parseRecords(output)[0] ?? [];
      const parts = [`Created reminder “${r.name}” in list “${listName}”`];
      if (r.due) {
        const day = `${weekdayName(r.due.at)} ${formatLocalDate(r.due.at)}`;
        const time = `${String(r.due.at.hour).padStart(2, "0")}:${String(r.due.at.minute).padStart(2, "0")}`;
        parts.push(r.due.allDay ? `due ${day} (all day)` : `due ${day} ${time}`);
      }
      const priority = priorityWord(r.priority);
      if (priority) parts.push(`priority ${priority}`);
      let result = `${parts.join(", ")}.`;
      if (fallback === "true" && r.list !== "") result += ` There is no list named “${r.list}”, so it went to the default list.`;
      return result;
    },
  },
};
