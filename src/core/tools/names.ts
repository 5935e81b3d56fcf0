import { z } from "zod";

/**
 * The 16 TinyAgent tools, in the ToolRAG classifier's label order (index = label).
 * Names, argument order and description text follow SqueezeAILab/TinyAgent (MIT, see NOTICE) so
 * its published models work unchanged. Each tool is defined in src/tools/<tool>.ts.
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
