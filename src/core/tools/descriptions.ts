// Tool descriptions exactly as the published TinyAgent planner models were trained on them: the
// signature line, then bullet lines, every line ending in "\n". Byte-exact on purpose — a model
// sees text, so compatibility means reproducing it.
//
// From SqueezeAILab/TinyAgent, MIT License, Copyright (c) 2024 SqueezeAILab (see NOTICE).

export const TOOL_DESCRIPTIONS = {
  get_phone_number: `get_phone_number(name: str) -> str
 - Search for a contact by name.
 - Returns the phone number of the contact.
`,
  get_email_address: `get_email_address(name: str) -> str
 - Search for a contact by name.
 - Returns the email address of the contact.
`,
  create_calendar_event: `create_calendar_event(title: str, start_date: str, end_date: str, location: str, invitees: list[str], notes: str, calendar: str) -> str
 - Create a calendar event.
 - The format for start_date and end_date is 'YYYY-MM-DD HH:MM:SS'.
 - For invitees, you need a list of email addresses; use an empty list if not applicable.
 - For location, notes, and calendar, use an empty string or None if not applicable.
 - Returns the status of the event creation.
`,
  open_and_get_file_path: `open_and_get_file_path(file_name: str) -> str
 - Opens the file and returns its path.
`,
  summarize_pdf: `summarize_pdf(pdf_path: str) -> str
 - Summarizes the content of a PDF file and returns the summary.
 - This tool can only be used AFTER calling open_and_get_file_path tool to get the PDF file path.
`,
  compose_new_email: `compose_new_email(recipients: list[str], cc: list[str], subject: str, context: str, attachments: list[str]) -> str
 - Composes a new email and returns the status of the email composition.
 - The recipients and cc parameters can be a single email or a list of emails.
 - The attachments parameter can be a single file path or a list of file paths.
 - The context parameter is optional and should only be used to pass down some intermediate result. Otherwise, just leave it as empty string.
 - You MUST put a map location in the 'context' parameter if you want to send a location in the email.
 - If you want to send a zoom link, you MUST put the zoom link in the 'context' parameter.
`,
  reply_to_email: `reply_to_email(cc: list[str], context: str, attachments: list[str]) -> str
 - Replies to the currently selected email in Mail with the given content.
 - The cc parameter can be a single email or a list of emails.
 - The attachments parameter can be a single file path or a list of file paths.
 - The context parameter is optional and should only be used to pass down some intermediate result. Otherwise, just leave it as empty string.
`,
  forward_email: `forward_email(recipients: list[str], cc: list[str], context: str, attachments: list[str]) -> str
 - Forwards the currently selected email in Mail with the given content.
 - The recipients and cc parameters can be a single email or a list of emails.
 - The attachments parameter can be a single file path or a list of file paths.
 - The context parameter is optional and should only be used to pass down some intermediate result. Otherwise, just leave it as empty string.
`,
  maps_open_location: `maps_open_location(location: str) -> str
 - Opens the specified location in Apple Maps.
 - The query can be a place name, address, or coordinates.
 - Returns the URL of the location in Apple Maps.
`,
  maps_show_directions: `maps_show_directions(start_location: str, end_location: str, transport: str) -> str
 - Show directions from a start location to an end location in Apple Maps.
 - The transport parameter defaults to 'd' (driving), but can also be 'w' (walking) or 'r' (public transit).
 - The start location can be left empty to default to the current location of the device.
 - Returns the URL of the location and directions in Apple Maps.
`,
  create_note: `create_note(name: str, content: str, folder: str) -> str
 - Creates a new note with the given content.
 - The name is used as the title of the note.
 - The content is the main text of the note.
 - The folder is optional, use an empty string if not applicable.
 - Returns the status of the note creation.
`,
  open_note: `open_note(name: str, folder: str) -> str
 - Opens an existing note by its name.
 - If a folder is specified, the note is created in that folder; otherwise, it's created in the default folder.
 - Returns the content of the note.
`,
  append_note_content: `append_note_content(name: str, content: str, folder: str) -> str
 - Appends content to an existing note.
 - If a folder is specified, the note is created in that folder; otherwise, it's created in the default folder.
 - Returns the status of the content appending.
`,
  create_reminder: `create_reminder(name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool) -> str
 - Creates a new reminder and returns the status of the reminder creation.
 - The format for due_date is 'YYYY-MM-DD HH:MM:SS'. If 'all_day' is True, then the format is 'YYYY-MM-DD'.
 - The list_name is optional, use an empty string if not applicable.
 - The priority is optional and defaults to 0.
 - The all_day parameter is optional and defaults to False.
`,
  send_sms: `send_sms(recipients: list[str], message: str) -> str
 - Send an SMS to a list of phone numbers.
 - The recipients argument can be a single phone number or a list of phone numbers.
 - Returns the status of the SMS.
`,
  get_zoom_meeting_link: `get_zoom_meeting_link(topic: str, start_time: str, duration: int, meeting_invitees: Sequence[str]) -> str
 - Creates a Zoom meeting and returns the join URL.
 - You need to call create_calendar_event to attach the zoom link as a note to the calendar event, or compose_new_email to send the link to the invitees in the body of the email.
 - 'topic', 'start_time', 'duration', and 'meeting_invitees' are required.
 - 'duration' is in minutes.
 - The format for start_time is 'YYYY-MM-DD HH:MM:SS'.
`,
} as const;

/** The join action's description (LLMCompiler). The last line ends with one space and no newline. */
export const JOIN_DESCRIPTION = `join():
 - Collects and combines results from prior actions.
 - A LLM agent is called upon invoking join to either finalize the user query or wait until the plans are executed.
 - join should always be the last action in the plan, and will be called in two scenarios:
   (a) if the answer can be determined by gathering the outputs from tasks to generate the final response.
   (b) if the answer cannot be determined in the planning phase before you execute the plans. `;
