import { AgentError } from "../errors";
import { parseLocalDateTime, toEpochMinutes } from "../time/localDateTime";
import { capText } from "../util/capText";
import type { ToolArgs, ToolName } from "./catalog";

/**
 * What a tool refuses that an argument's type cannot say: a name where an address belongs, an
 * event that ends before it starts, an empty message. One set of checks, run twice: on the plan
 * under review (so a bad task is shown before anything runs) and by each tool just before it runs
 * (when earlier results have been filled in).
 */

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:".]+(\.[^\s@<>(),;:".]+)+$/;

/** A bare address like sid@example.com (what Calendar, Mail and Zoom accept). */
export const isEmailAddress = (value: string) => EMAIL.test(value.trim());

/** A phone number as people write it: digits with + ( ) - . and spaces, at least 3 digits. */
export const isPhoneNumber = (value: string) => /^\+?[\d\s().-]+$/.test(value.trim()) && value.replace(/\D/g, "").length >= 3;

/**
 * Whether a value is known yet. Under review a value that holds another task's result ("$1") is
 * not, and passes: it is checked when the tool runs.
 */
export type IsKnown = (value: string) => boolean;

const always: IsKnown = () => true;

function emailAddresses(values: readonly string[], role: string, known: IsKnown): string[] {
  const bad = values.find((v) => known(v) && !isEmailAddress(v));
  return bad === undefined
    ? []
    : [`${role} “${capText(bad.trim())}” is not an email address. Look it up with get_email_address, or write the address itself.`];
}

function messageRecipients(values: readonly string[], known: IsKnown): string[] {
  if (values.length === 0) return ["No recipient was given for the message."];
  const bad = values.find((v) => known(v) && !isPhoneNumber(v) && !isEmailAddress(v));
  return bad === undefined
    ? []
    : [
        `Recipient “${capText(bad.trim())}” is not a phone number or email address. Look it up with get_phone_number, or write the number itself.`,
      ];
}

function place(value: string, what: string, known: IsKnown): string[] {
  return known(value) && value.trim() === "" ? [`No ${what} was given, so there is nothing to show in Maps.`] : [];
}

function endsAfterStart(start: string, end: string, known: IsKnown): string[] {
  if (!known(start) || !known(end) || end.trim() === "") return [];
  const s = parseLocalDateTime(start);
  const e = parseLocalDateTime(end);
  if (!s || !e || toEpochMinutes(e.value) > toEpochMinutes(s.value)) return [];
  return [`The event would end (${end}) before it starts (${start}).`];
}

type Checks = { [T in ToolName]?: (args: ToolArgs<T>, known: IsKnown) => string[] };

const CHECKS: Checks = {
  create_calendar_event: (a, known) => [
    ...endsAfterStart(a.start_date, a.end_date, known),
    ...emailAddresses(a.invitees, "Invitee", known),
  ],
  compose_new_email: (a, known) => [...emailAddresses(a.recipients, "Recipient", known), ...emailAddresses(a.cc, "Cc", known)],
  reply_to_email: (a, known) => emailAddresses(a.cc, "Cc", known),
  forward_email: (a, known) => [...emailAddresses(a.recipients, "Recipient", known), ...emailAddresses(a.cc, "Cc", known)],
  maps_open_location: (a, known) => place(a.location, "location", known),
  maps_show_directions: (a, known) => place(a.end_location, "destination", known),
  send_sms: (a, known) => [
    ...messageRecipients(a.recipients, known),
    ...(known(a.message) && a.message.trim() === "" ? ["The message is empty: there is nothing to send."] : []),
  ],
  get_zoom_meeting_link: (a, known) => emailAddresses(a.meeting_invitees, "Invitee", known),
};

/** Every problem with a task's arguments (already parsed by the tool's schema); none when it may run. */
export function argumentProblems<T extends ToolName>(tool: T, args: ToolArgs<T>, known: IsKnown = always): string[] {
  const check = CHECKS[tool] as ((args: ToolArgs<T>, known: IsKnown) => string[]) | undefined;
  return check ? check(args, known) : [];
}

/** Refuses, before anything runs, arguments the tool cannot use. */
export function requireValidArguments<T extends ToolName>(tool: T, args: ToolArgs<T>): void {
  const problems = argumentProblems(tool, args);
  if (problems.length > 0) throw new AgentError(problems.join(" "), "invalid_arguments");
}
