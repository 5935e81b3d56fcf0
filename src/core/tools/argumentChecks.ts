import { AgentError } from "../errors";
import { parseLocalDateTime, toEpochMinutes } from "../time/localDateTime";
import { capText } from "../util/capText";

/**
 * What a tool refuses that an argument's type cannot say: a name where an address belongs, an
 * event that ends before it starts, an empty message. One set of checks, run twice: on the plan
 * under review (so a bad task is shown before anything runs) and by each tool just before it runs
 * (when earlier results have been filled in). Each tool composes its checks (src/tools/<tool>.ts)
 * from the helpers here.
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

/** When the tool runs, every value is known. */
export const alwaysKnown: IsKnown = () => true;

/** A tool's checks: every problem with its (parsed) arguments; none when it may run. */
export type ArgumentChecks<A> = (args: A, known: IsKnown) => string[];

export function emailAddresses(values: readonly string[], role: string, known: IsKnown): string[] {
  const bad = values.find((v) => known(v) && !isEmailAddress(v));
  return bad === undefined
    ? []
    : [`${role} “${capText(bad.trim())}” is not an email address. Look it up with get_email_address, or write the address itself.`];
}

export function messageRecipients(values: readonly string[], known: IsKnown): string[] {
  if (values.length === 0) return ["No recipient was given for the message."];
  const bad = values.find((v) => known(v) && !isPhoneNumber(v) && !isEmailAddress(v));
  return bad === undefined
    ? []
    : [
        `Recipient “${capText(bad.trim())}” is not a phone number or email address. Look it up with get_phone_number, or write the number itself.`,
      ];
}

export function place(value: string, what: string, known: IsKnown): string[] {
  return known(value) && value.trim() === "" ? [`No ${what} was given, so there is nothing to show in Maps.`] : [];
}

export function endsAfterStart(start: string, end: string, known: IsKnown): string[] {
  if (!known(start) || !known(end) || end.trim() === "") return [];
  const s = parseLocalDateTime(start);
  const e = parseLocalDateTime(end);
  if (!s || !e || toEpochMinutes(e.value) > toEpochMinutes(s.value)) return [];
  return [`The event would end (${end}) before it starts (${start}).`];
}

/** Refuses, before anything runs, arguments the checks find problems with. */
export function requireValid<A>(checks: ArgumentChecks<A> | undefined, args: A): void {
  const problems = checks ? checks(args, alwaysKnown) : [];
  if (problems.length > 0) throw new AgentError(problems.join(" "), "invalid_arguments");
}
