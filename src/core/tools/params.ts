import { z } from "zod";
import { parseLocalDateTime } from "../time/localDateTime";

/**
 * What an argument means, beyond its type. The grammar uses it to restrict names to what the user
 * said, the metric to compare lists as sets and dates as instants, the UI to pick a form field.
 */
export const ParamRoleSchema = z.enum([
  "contact", // a person's name as the user said it
  "file", // a file name as the user said it
  "path", // a file path, normally another task's result
  "note", // an existing note's name
  "title", // a title for something new (event, note, reminder, meeting, email subject)
  "text", // free text: a message, note body, email body
  "place", // a place name, address or coordinates
  "container", // a calendar, folder or list name
  "datetime", // 'YYYY-MM-DD HH:MM:SS'
  "addresses", // email addresses or phone numbers; order carries no meaning
  "paths", // file paths to attach; order carries no meaning
  "transport",
  "priority",
  "flag",
  "minutes",
]);
export type ParamRole = z.infer<typeof ParamRoleSchema>;

/** Roles whose list order carries no meaning. */
export const UNORDERED_ROLES: ReadonlySet<ParamRole> = new Set(["addresses", "paths"]);

const text = z.string();

/** "Use an empty string or None if not applicable": None is read as "". */
const optionalText = z.union([z.string(), z.null()]).transform((v) => v ?? "");

/** "Can be a single email or a list of emails": a single string is read as a one-item list. */
const stringList = z
  .union([z.array(z.string()), z.string(), z.null()])
  .transform((v) => (v === null ? [] : typeof v === "string" ? (v.trim() === "" ? [] : [v]) : v));

const DATETIME_HINT = "a date and time as 'YYYY-MM-DD HH:MM:SS'";

/** A required 'YYYY-MM-DD HH:MM:SS' (seconds optional) that is a real calendar date. */
const dateTime = z.string().refine((v) => parseLocalDateTime(v)?.dateOnly === false, { message: `expected ${DATETIME_HINT}` });

/** A date-time, a plain 'YYYY-MM-DD', or empty/None for "none". */
const optionalDateOrDateTime = z
  .union([z.string(), z.null()])
  .transform((v) => v ?? "")
  .refine((v) => v.trim() === "" || parseLocalDateTime(v) !== undefined, {
    message: `expected ${DATETIME_HINT}, 'YYYY-MM-DD', or an empty string`,
  });

/** A date-time or empty/None (for an end that defaults to start + 60 minutes). */
const optionalDateTime = z
  .union([z.string(), z.null()])
  .transform((v) => v ?? "")
  .refine((v) => v.trim() === "" || parseLocalDateTime(v)?.dateOnly === false, {
    message: `expected ${DATETIME_HINT} or an empty string`,
  });

const TEXT = "text in quotes";
const OPTIONAL_TEXT = "text in quotes (or an empty string)";
const LIST = 'a list of strings like ["a", "b"] (or one string)';

// Generic in the schema and the name, so ToolArgs<T> knows each argument's name and type.
const define =
  <S extends z.ZodType>(role: ParamRole, schema: S, expects: string) =>
  <const N extends string>(name: N) =>
    ({ name, role, schema, expects }) as const;

export const param = {
  contact: define("contact", text, TEXT),
  file: define("file", text, TEXT),
  path: define("path", text, TEXT),
  note: define("note", text, TEXT),
  title: define("title", text, TEXT),
  text: define("text", optionalText, OPTIONAL_TEXT),
  place: define("place", optionalText, OPTIONAL_TEXT),
  container: define("container", optionalText, OPTIONAL_TEXT),
  dateTime: define("datetime", dateTime, DATETIME_HINT),
  optionalDateTime: define("datetime", optionalDateTime, `${DATETIME_HINT} or an empty string`),
  optionalDateOrDateTime: define("datetime", optionalDateOrDateTime, `${DATETIME_HINT}, 'YYYY-MM-DD', or an empty string`),
  addresses: define("addresses", stringList, LIST),
  paths: define("paths", stringList, LIST),
  transport: define("transport", z.enum(["d", "w", "r"]), "'d' (driving), 'w' (walking) or 'r' (transit)"),
  // Reminders' own scale: 0 none, 1 high, 5 medium, 9 low.
  priority: define("priority", z.number().int().min(0).max(9), "a whole number from 0 to 9"),
  flag: define("flag", z.boolean(), "True or False"),
  minutes: define(
    "minutes",
    z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    "a whole number of minutes (1 to 1440)",
  ),
};

export interface ParamDefinition {
  readonly name: string;
  readonly role: ParamRole;
  readonly schema: z.ZodType;
  /** What a valid value looks like, in words, for error messages and form hints. */
  readonly expects: string;
}
