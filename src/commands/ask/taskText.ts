import type { PlanStep } from "../../agent/plan/planParser";
import type { PyValue } from "../../agent/plan/pythonLiteral";
import { isWholeReference, referencesIn, referencesInString } from "../../agent/plan/references";
import { parseLocalDateTime } from "../../core/time/localDateTime";
import { isToolName, TOOLS } from "../../tools/catalog";
import { showInline } from "../../core/util/displayText";

/** What a task's text may mention of other tasks: their lines (to name a reference) and known results. */
export interface TaskContext {
  lines: ReadonlyMap<number, PlanStep>;
  results: ReadonlyMap<number, string>;
}

export const contextOf = (lines: readonly PlanStep[], results: ReadonlyMap<number, string> = new Map()): TaskContext => ({
  lines: new Map(lines.map((l) => [l.id, l])),
  results,
});

/**
 * A plan date as people read it in their locale (the Mac's by default): "2026-11-23 14:00:00" →
 * "Mon 23 Nov 2026, 14:00" in en-GB, "Mon, Nov 23, 2026, 2:00 PM" in en-US; a date alone without the
 * time; anything else as it is. Plan dates are wall-clock times, so they are formatted as UTC fields.
 */
export function formatWhen(text: string, locale?: string): string {
  const parsed = parseLocalDateTime(text);
  if (!parsed) return text;
  const { year, month, day, hour, minute } = parsed.value;
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(parsed.dateOnly ? {} : { hour: "numeric", minute: "2-digit" }),
  });
  return format.format(new Date(Date.UTC(year, month - 1, day, hour, minute)));
}

/**
 * How a reference to task `id` reads: a lookup by the name it looks up ("Sid"), anything else by
 * what the task is ("the file “report”"), or "#id's result".
 */
export function referenceName(id: number, ctx: TaskContext): string {
  const line = ctx.lines.get(id);
  const first = line?.args[0];
  if (line && typeof first === "string") {
    if (line.tool === "get_email_address" || line.tool === "get_phone_number") return showInline(first);
    if (line.tool === "open_and_get_file_path") return `the file “${showInline(first)}”`;
  }
  return `#${id}'s result`;
}

/**
 * A value as people read it: references named, lists joined, True/False as Yes/No, None as nothing;
 * on one line, with hidden characters shown escaped (showInline), so a value cannot add lines to a
 * title or a confirmation, or read differently from what it holds.
 */
export function formatValue(value: PyValue, ctx: TaskContext): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, ctx)).join(", ");
  if (isWholeReference(value)) return referenceName(referencesInString(value)[0]!, ctx);
  return showInline(value).replace(/\$\{(\d+)\}/g, (_, id: string) => `⟨${referenceName(Number(id), ctx)}⟩`);
}

/** At most `max` UTF-16 units, never ending on half a surrogate pair (that would show as a broken character). */
const short = (text: string, max = 48) =>
  text.length > max
    ? `${text
        .slice(0, max - 1)
        .replace(/[\uD800-\uDBFF]$/, "")
        .trimEnd()}…`
    : text;
const quoted = (text: string) => `“${short(text)}”`;

/** A readable title: "Text Sid: running late", "Look Up Sid's Email Address", "Create Event “Sync” on <formatWhen>". */
export function taskTitle(line: PlanStep, ctx: TaskContext): string {
  const a = line.args.map((v) => formatValue(v, ctx));
  const arg = (i: number) => a[i] ?? "";
  const people = (i: number) => arg(i) || "nobody";
  switch (line.tool) {
    case "get_phone_number":
      return `Look Up ${arg(0)}'s Phone Number`;
    case "get_email_address":
      return `Look Up ${arg(0)}'s Email Address`;
    case "create_calendar_event":
      return `Create Event ${quoted(arg(0))} on ${formatWhen(arg(1))}`;
    case "open_and_get_file_path":
      return `Find and Open the File ${quoted(arg(0))}`;
    case "summarize_pdf":
      return `Summarize ${short(arg(0))}`;
    case "compose_new_email":
      return `Email ${people(0)}: ${short(arg(2) || arg(3) || "(no subject)")}`;
    case "reply_to_email":
      return `Reply to the Selected Email${arg(1) ? `: ${short(arg(1))}` : ""}`;
    case "forward_email":
      return `Forward the Selected Email to ${people(0)}`;
    case "maps_open_location":
      return `Show ${quoted(arg(0))} in Maps`;
    case "maps_show_directions":
      return `Directions to ${quoted(arg(1))}${arg(0) ? ` from ${quoted(arg(0))}` : ""}`;
    case "create_note":
      return `Create Note ${quoted(arg(0))}`;
    case "open_note":
      return `Open Note ${quoted(arg(0))}`;
    case "append_note_content":
      return `Add to Note ${quoted(arg(0))}`;
    case "create_reminder":
      return `Remind Me: ${short(arg(0))}${arg(1) ? ` (${formatWhen(arg(1))})` : ""}`;
    case "send_sms":
      return `Text ${people(0)}: ${short(arg(1))}`;
    case "get_zoom_meeting_link":
      return `Create Zoom Meeting ${quoted(arg(0))} on ${formatWhen(arg(1))}`;
    default:
      return `${showInline(line.tool)}(${a.join(", ")})`;
  }
}

/** The arguments in one line (the list subtitle); a resolved lookup shows its answer: "Sid → sid@example.com". */
export function taskSubtitle(line: PlanStep, ctx: TaskContext): string {
  const result = ctx.results.get(line.id);
  if ((line.tool === "get_email_address" || line.tool === "get_phone_number") && result !== undefined) {
    return `${formatValue(line.args[0] ?? "", ctx)} → ${showInline(result)}`;
  }
  return line.args
    .map((v) => formatValue(v, ctx))
    .filter((s) => s !== "" && s !== "No")
    .map((s) => short(s, 32))
    .join(" · ");
}

/** "after #1, #2" for a task that waits for others. */
export function dependencyText(line: PlanStep): string | undefined {
  const deps = referencesIn(line.args);
  return deps.length > 0 ? `after ${deps.map((d) => `#${d}`).join(", ")}` : undefined;
}

/** "start_date" → "Start Date". */
export const paramLabel = (name: string) =>
  name
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

/** Every argument by its parameter name, as the detail pane lists them; references say where they come from. */
export function argumentRows(line: PlanStep, ctx: TaskContext): { label: string; value: string }[] {
  if (!isToolName(line.tool)) return line.args.map((v, i) => ({ label: `Argument ${i + 1}`, value: formatValue(v, ctx) }));
  return TOOLS[line.tool].params.map((p, i) => {
    const raw = line.args[i] ?? null;
    let value = formatValue(raw, ctx);
    if (p.role === "datetime" && typeof raw === "string") value = formatWhen(value);
    const refs = referencesIn([raw]);
    const known = refs
      .map((id) => ctx.results.get(id))
      .filter((r): r is string => r !== undefined)
      .map(showInline);
    if (refs.length > 0)
      value += known.length === refs.length ? ` → ${known.join(", ")}` : ` (from ${refs.map((r) => `#${r}`).join(", ")})`;
    return { label: paramLabel(p.name), value: value || "—" };
  });
}

/**
 * What a task changes or sends, for the confirmation: who gets what. Undefined for tasks that
 * only read. References read as names with their resolved values when known ("Sid (+1 555 0100)").
 */
export function sideEffectText(line: PlanStep, ctx: TaskContext): string | undefined {
  if (!isToolName(line.tool) || TOOLS[line.tool].effect === "read") return undefined;
  const withResult = (value: PyValue): string => {
    if (Array.isArray(value)) return value.map(withResult).join(", ");
    const name = formatValue(value, ctx);
    const refs = typeof value === "string" ? referencesIn([value]) : [];
    const result = refs.length === 1 ? ctx.results.get(refs[0]!) : undefined;
    const known = result === undefined ? undefined : showInline(result);
    return known !== undefined && known !== name ? `${name} (${known})` : name;
  };
  const a = line.args;
  const text = (i: number) => formatValue(a[i] ?? "", ctx);
  const people = (i: number) => withResult(a[i] ?? []) || "nobody";
  switch (line.tool) {
    case "send_sms":
      return `Messages sends ${people(0)} the text “${text(1)}”.`;
    case "compose_new_email":
      return `Mail opens a draft to ${people(0)}${text(1) ? `, cc ${people(1)}` : ""}: “${text(2)}” (you send it).`;
    case "reply_to_email":
      return `Mail opens a reply to the selected email${text(0) ? `, cc ${people(0)}` : ""} (you send it).`;
    case "forward_email":
      return `Mail opens the selected email forwarded to ${people(0)} (you send it).`;
    case "create_calendar_event":
      return `Calendar gets the event “${text(0)}” on ${formatWhen(text(1))}${text(4) ? `, inviting ${people(4)}` : ""}.`;
    case "get_zoom_meeting_link":
      return `Zoom creates the meeting “${text(0)}” on ${formatWhen(text(1))}${text(3) ? ` for ${people(3)}` : ""}.`;
    case "create_note":
      return `Notes gets a new note “${text(0)}”.`;
    case "append_note_content":
      return `The note “${text(0)}” gets “${short(text(1))}” added.`;
    case "create_reminder":
      return `Reminders gets “${text(0)}”${text(1) ? ` due ${formatWhen(text(1))}` : ""}.`;
    default:
      return `${taskTitle(line, ctx)}.`;
  }
}
