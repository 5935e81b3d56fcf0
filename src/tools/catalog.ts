import type { z } from "zod";
import { type App, TOOL_NAMES, type ToolName } from "../core/tools/names";
import { appendNoteContent } from "./appendNoteContent";
import { composeNewEmail } from "./composeNewEmail";
import { createCalendarEvent } from "./createCalendarEvent";
import { createNote } from "./createNote";
import { createReminder } from "./createReminder";
import type { ToolDefinition } from "./defineTool";
import { forwardEmail } from "./forwardEmail";
import { getEmailAddress } from "./getEmailAddress";
import { getPhoneNumber } from "./getPhoneNumber";
import { getZoomMeetingLink } from "./getZoomMeetingLink";
import { mapsOpenLocation } from "./mapsOpenLocation";
import { mapsShowDirections } from "./mapsShowDirections";
import { openAndGetFilePath } from "./openAndGetFilePath";
import { openNote } from "./openNote";
import { replyToEmail } from "./replyToEmail";
import { sendSms } from "./sendSms";
import { summarizePdf } from "./summarizePdf";

/** The 16 tools by name, in TOOL_NAMES (label) order; each is defined, whole, in its own file. */
export const TOOLS = {
  create_calendar_event: createCalendarEvent,
  get_phone_number: getPhoneNumber,
  get_email_address: getEmailAddress,
  open_and_get_file_path: openAndGetFilePath,
  summarize_pdf: summarizePdf,
  compose_new_email: composeNewEmail,
  reply_to_email: replyToEmail,
  forward_email: forwardEmail,
  maps_open_location: mapsOpenLocation,
  maps_show_directions: mapsShowDirections,
  create_note: createNote,
  open_note: openNote,
  append_note_content: appendNoteContent,
  create_reminder: createReminder,
  send_sms: sendSms,
  get_zoom_meeting_link: getZoomMeetingLink,
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
