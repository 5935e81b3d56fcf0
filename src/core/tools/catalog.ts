import { z } from "zod";
import { TOOL_DESCRIPTIONS } from "./descriptions";
import { param, type ParamDefinition } from "./params";

/**
 * The 16 TinyAgent tools, in the ToolRAG classifier's label order (index = label).
 * Names, argument order and description text follow SqueezeAILab/TinyAgent (MIT, see NOTICE) so
 * its published models work unchanged.
 */
export const TOOL_NAMES = [
  "create_calendar_event",
  "get_phone_number",
  "get_email_address",
  "open_and_get_file_path",
  "summarize_pdf",
  "compose_new_email",
  "reply_to_email",
  "forward_email",
  "maps_open_location",
  "maps_show_directions",
  "create_note",
  "open_note",
  "append_note_content",
  "create_reminder",
  "send_sms",
  "get_zoom_meeting_link",
] as const;

export const ToolNameSchema = z.enum(TOOL_NAMES);
export type ToolName = z.infer<typeof ToolNameSchema>;

export const AppSchema = z.enum(["Contacts", "Calendar", "Files", "Mail", "Maps", "Notes", "Reminders", "Messages", "Zoom"]);
export type App = z.infer<typeof AppSchema>;

/**
 * read: looks something up, changes nothing; write: creates or changes something on this Mac;
 * send: something leaves the Mac or reaches another person.
 */
export const EffectSchema = z.enum(["read", "write", "send"]);
export type Effect = z.infer<typeof EffectSchema>;

export interface ToolDefinition<P extends readonly ParamDefinition[] = readonly ParamDefinition[]> {
  readonly name: ToolName;
  /** What people read where the tool is named (Raycast's detail pane, Edit Task): "Text Message". */
  readonly title: string;
  readonly app: App;
  readonly effect: Effect;
  /** The TinyAgent description: signature line and bullets, each line ending in "\n". */
  readonly description: string;
  readonly params: P;
  /** Validates and normalizes the positional arguments (None → "", a single address → a list). */
  readonly argsSchema: z.ZodType<ArgsOf<P>, unknown>;
}

/** The normalized arguments of a tool, by parameter name. */
export type ArgsOf<P extends readonly ParamDefinition[]> = {
  [K in P[number] as K["name"]]: z.output<K["schema"]>;
};

function tool<const P extends readonly ParamDefinition[]>(
  name: ToolName,
  title: string,
  app: App,
  effect: Effect,
  params: P,
): ToolDefinition<P> {
  const tuple = z.tuple(params.map((p) => p.schema) as unknown as [z.ZodType, ...z.ZodType[]]);
  const argsSchema = tuple.transform((values) => Object.fromEntries(params.map((p, i) => [p.name, values[i]])) as ArgsOf<P>);
  return { name, title, app, effect, description: TOOL_DESCRIPTIONS[name], params, argsSchema };
}

export const TOOLS = {
  get_phone_number: tool("get_phone_number", "Phone Number Lookup", "Contacts", "read", [param.contact("name")]),
  get_email_address: tool("get_email_address", "Email Address Lookup", "Contacts", "read", [param.contact("name")]),
  create_calendar_event: tool("create_calendar_event", "New Calendar Event", "Calendar", "write", [
    param.title("title"),
    param.dateTime("start_date"),
    param.optionalDateTime("end_date"),
    param.place("location"),
    param.addresses("invitees"),
    param.text("notes"),
    param.container("calendar"),
  ]),
  open_and_get_file_path: tool("open_and_get_file_path", "Find File", "Files", "read", [param.file("file_name")]),
  summarize_pdf: tool("summarize_pdf", "PDF Summary", "Files", "read", [param.path("pdf_path")]),
  compose_new_email: tool("compose_new_email", "New Email Draft", "Mail", "write", [
    param.addresses("recipients"),
    param.addresses("cc"),
    param.title("subject"),
    param.text("context"),
    param.paths("attachments"),
  ]),
  reply_to_email: tool("reply_to_email", "Email Reply", "Mail", "write", [
    param.addresses("cc"),
    param.text("context"),
    param.paths("attachments"),
  ]),
  forward_email: tool("forward_email", "Email Forward", "Mail", "write", [
    param.addresses("recipients"),
    param.addresses("cc"),
    param.text("context"),
    param.paths("attachments"),
  ]),
  maps_open_location: tool("maps_open_location", "Show on Map", "Maps", "read", [param.place("location")]),
  maps_show_directions: tool("maps_show_directions", "Directions", "Maps", "read", [
    param.place("start_location"),
    param.place("end_location"),
    param.transport("transport"),
  ]),
  create_note: tool("create_note", "New Note", "Notes", "write", [param.title("name"), param.text("content"), param.container("folder")]),
  open_note: tool("open_note", "Open Note", "Notes", "read", [param.note("name"), param.container("folder")]),
  append_note_content: tool("append_note_content", "Add to Note", "Notes", "write", [
    param.note("name"),
    param.text("content"),
    param.container("folder"),
  ]),
  create_reminder: tool("create_reminder", "New Reminder", "Reminders", "write", [
    param.title("name"),
    param.optionalDateOrDateTime("due_date"),
    param.text("notes"),
    param.container("list_name"),
    param.priority("priority"),
    param.flag("all_day"),
  ]),
  send_sms: tool("send_sms", "Text Message", "Messages", "send", [param.addresses("recipients"), param.text("message")]),
  get_zoom_meeting_link: tool("get_zoom_meeting_link", "Zoom Meeting", "Zoom", "send", [
    param.title("topic"),
    param.dateTime("start_time"),
    param.minutes("duration"),
    param.addresses("meeting_invitees"),
  ]),
} as const satisfies Record<ToolName, ToolDefinition>;

export type Tools = typeof TOOLS;
/** The normalized, named arguments of tool T. */
export type ToolArgs<T extends ToolName> = z.output<Tools[T]["argsSchema"]>;

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** The tools of the given apps, in label order. */
export function toolsOfApps(apps: readonly App[]): ToolName[] {
  return TOOL_NAMES.filter((name) => apps.includes(TOOLS[name].app));
}
