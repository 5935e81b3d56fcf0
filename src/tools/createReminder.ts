import { priorityWord, reminder, reminderScript } from "../applescript/reminders";
import { parseRecords } from "../applescript/script";
import { formatLocalDate, weekdayName } from "../core/time/localDateTime";
import { param } from "../core/tools/params";
import { defineTool } from "./defineTool";

export const createReminder = defineTool({
  name: "create_reminder",
  title: "New Reminder",
  app: "Reminders",
  effect: "write",
  params: [
    param.title("name"),
    param.optionalDateOrDateTime("due_date"),
    param.text("notes"),
    param.container("list_name"),
    param.priority("priority"),
    param.flag("all_day"),
  ],
  description: `create_reminder(name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool) -> str
 - Creates a new reminder and returns the status of the reminder creation.
 - The format for due_date is 'YYYY-MM-DD HH:MM:SS'. If 'all_day' is True, then the format is 'YYYY-MM-DD'.
 - The list_name is optional, use an empty string if not applicable.
 - The priority is optional and defaults to 0.
 - The all_day parameter is optional and defaults to False.
`,
  mac: {
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
});
