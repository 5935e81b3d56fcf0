import type { PyValue } from "../../agent/plan/pythonLiteral";
import { isWholeReference } from "../../agent/plan/references";
import { TOOLS, type ToolName } from "../../agent/tools/catalog";
import type { ParamDefinition } from "../../agent/tools/params";
import { paramLabel } from "./taskText";

/**
 * The Edit Task form as data: one field per parameter of the tool, chosen by the parameter's role,
 * and the conversion back to plan arguments checked by each parameter's zod schema. The view
 * (EditTaskForm) only lays these out.
 */
export type FieldKind = "text" | "textarea" | "list" | "dropdown" | "checkbox";

export interface FormField {
  /** The parameter's name: the form value's key. */
  id: string;
  title: string;
  kind: FieldKind;
  placeholder: string;
  /** What a valid value looks like (the catalog's `expects`). */
  info: string;
  options?: { value: string; title: string }[];
}

export type FormValues = Record<string, string | boolean>;

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
      if (Array.isArray(v)) return [p.name, v.map((x) => (x === null ? "" : String(x))).join(", ")];
      return [p.name, v === null ? "" : String(v)];
    }),
  );
}

export type FormResult = { ok: true; args: PyValue[] } | { ok: false; errors: Record<string, string> };

/** Form values back to plan arguments, each checked against its parameter's schema. */
export function argsFromForm(tool: ToolName, values: FormValues): FormResult {
  const errors: Record<string, string> = {};
  const args = TOOLS[tool].params.map((p): PyValue => {
    const raw = values[p.name];
    const value = toValue(p, raw);
    const isReference = typeof value === "string" && isWholeReference(value);
    const accepted = isReference ? p.schema.safeParse("text").success || p.role === "datetime" : p.schema.safeParse(value).success;
    if (!accepted) errors[p.name] = `Must be ${p.expects}.`;
    return value;
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, args };
}

function toValue(p: ParamDefinition, raw: string | boolean | undefined): PyValue {
  if (p.role === "flag") return raw === true;
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
