import type { PyValue } from "../../agent/plan/pythonLiteral";
import { formatLocalDate, formatLocalDateTime, fromDate, parseLocalDateTime } from "../../core/time/localDateTime";
import { isWholeReference } from "../../agent/plan/references";
import { TOOLS } from "../../tools/catalog";
import type { ToolName } from "../../core/tools/names";
import type { ParamDefinition } from "../../core/tools/params";
import { paramLabel } from "./taskText";

/**
 * The Edit Task form as data: one field per parameter of the tool, chosen by the parameter's role,
 * and the conversion back to plan arguments checked by each parameter's zod schema. The view
 * (EditTaskForm) only lays these out.
 */
export type FieldKind = "text" | "textarea" | "list" | "dropdown" | "checkbox" | "date";

export interface FormField {
  /** The parameter's name: the form value's key. */
  id: string;
  title: string;
  kind: FieldKind;
  placeholder: string;
  /** What a valid value looks like (the catalog's `expects`). */
  info: string;
  options?: { value: string; title: string }[];
  /** A date field whose value is a day, not a moment (a reminder due on a day). */
  dateOnly?: boolean;
}

/** What the form holds: text, a checkbox, or a date picker's Date (null when empty). */
export type FormValues = Record<string, string | boolean | Date | null>;

const TRANSPORT = [
  { value: "d", title: "Driving" },
  { value: "w", title: "Walking" },
  { value: "r", title: "Transit" },
];
// Reminders' own scale.
const PRIORITY = [
  { value: "0", title: "None" },
  { value: "1", title: "High" },
  { value: "5", title: "Medium" },
  { value: "9", title: "Low" },
];

const PLACEHOLDERS: Record<ParamDefinition["role"], string> = {
  contact: "Sid",
  file: "Quarterly report",
  path: "/Users/you/Documents/report.pdf or $1",
  note: "Ideas",
  title: "Project Sync",
  text: "Running 10 minutes late",
  place: "Apple Park, Cupertino",
  container: "Empty for the default",
  datetime: "2026-11-23 14:00:00",
  addresses: "sid@example.com, $1",
  paths: "/Users/you/Documents/report.pdf, $1",
  transport: "",
  priority: "",
  flag: "",
  minutes: "30",
};

function fieldOf(p: ParamDefinition, value: PyValue | undefined): FormField {
  const base = { id: p.name, title: paramLabel(p.name), placeholder: PLACEHOLDERS[p.role], info: `Must be ${p.expects}.` };
  switch (p.role) {
    case "text":
      return { ...base, kind: "textarea" };
    case "addresses":
    case "paths":
      return { ...base, kind: "list", info: `Separate items with commas. ${base.info}` };
    case "transport":
      return { ...base, kind: "dropdown", options: TRANSPORT };
    case "priority": {
      const extra = typeof value === "number" && !PRIORITY.some((o) => o.value === String(value));
      return { ...base, kind: "dropdown", options: extra ? [...PRIORITY, { value: String(value), title: String(value) }] : PRIORITY };
    }
    case "flag":
      return { ...base, kind: "checkbox" };
    case "datetime":
      return { ...base, kind: "date", ...(typeof value === "string" && parseLocalDateTime(value)?.dateOnly ? { dateOnly: true } : {}) };
    default:
      return { ...base, kind: "text" };
  }
}

export function formFields(tool: ToolName, args: readonly PyValue[] = []): FormField[] {
  return TOOLS[tool].params.map((p, i) => fieldOf(p, args[i]));
}

/** The form's starting values: the task's arguments as written (references kept). */
export function formValues(tool: ToolName, args: readonly PyValue[]): FormValues {
  return Object.fromEntries(
    TOOLS[tool].params.map((p, i) => {
      const v = args[i] ?? null;
      if (p.role === "flag") return [p.name, v === true];
      if (p.role === "datetime" && typeof v === "string") return [p.name, toDate(v)];
      if (Array.isArray(v)) return [p.name, v.map((x) => (x === null ? "" : String(x))).join(", ")];
      return [p.name, v === null ? "" : String(v)];
    }),
  );
}

export type FormResult = { ok: true; args: PyValue[] } | { ok: false; errors: Record<string, string> };

/**
 * Form values back to plan arguments, each checked against its parameter's schema. `fields` (from
 * formFields) says which date pickers hold a day rather than a moment.
 */
export function argsFromForm(tool: ToolName, values: FormValues, fields: readonly FormField[] = []): FormResult {
  const errors: Record<string, string> = {};
  const dayOnly = new Set(fields.filter((f) => f.dateOnly).map((f) => f.id));
  const args = TOOLS[tool].params.map((p): PyValue => {
    const raw = values[p.name];
    const value = toValue(p, raw, dayOnly.has(p.name));
    const isReference = typeof value === "string" && isWholeReference(value);
    const accepted = isReference ? p.schema.safeParse("text").success : p.schema.safeParse(value).success;
    if (!accepted) errors[p.name] = `Must be ${p.expects}.`;
    return value;
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, args };
}

/** A plan date ('YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD') as the date picker's Date, on this Mac's clock; null when empty or unreadable. */
function toDate(text: string): Date | null {
  const parsed = parseLocalDateTime(text)?.value;
  return parsed ? new Date(parsed.year, parsed.month - 1, parsed.day, parsed.hour, parsed.minute, parsed.second) : null;
}

function toValue(p: ParamDefinition, raw: FormValues[string] | undefined, dateOnly: boolean): PyValue {
  if (p.role === "flag") return raw === true;
  if (raw instanceof Date) {
    const t = fromDate(raw);
    return dateOnly ? formatLocalDate(t) : formatLocalDateTime({ ...t, second: 0 });
  }
  if (raw === null) return "";
  const text = typeof raw === "string" ? raw.trim() : "";
  switch (p.role) {
    case "addresses":
    case "paths":
      return text === ""
        ? []
        : text
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== "");
    case "priority":
    case "minutes":
      return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
    default:
      return typeof raw === "string" ? raw : "";
  }
}
