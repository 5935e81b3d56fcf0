import { AgentError } from "../agent/errors";

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:".]+(\.[^\s@<>(),;:".]+)+$/;

/** A bare address like sid@example.com (what Calendar, Mail and Zoom accept). */
export const isEmailAddress = (value: string) => EMAIL.test(value.trim());

/** A phone number as people write it: digits with + ( ) - . and spaces, at least 3 digits. */
export const isPhoneNumber = (value: string) => /^\+?[\d\s().-]+$/.test(value.trim()) && value.replace(/\D/g, "").length >= 3;

/** Refuses, before anything runs, a name where an address must be ("Sid" instead of sid@example.com). */
export function requireEmailAddresses(values: readonly string[], role: string): string[] {
  const addresses = values.map((v) => v.trim());
  const bad = addresses.find((v) => !isEmailAddress(v));
  if (bad !== undefined) {
    throw new AgentError(
      `${role} “${bad}” is not an email address. Look it up with get_email_address, or write the address itself.`,
      "invalid_arguments",
    );
  }
  return addresses;
}

/** Messages takes phone numbers and the email addresses of iMessage accounts. */
export function requireMessageRecipients(values: readonly string[]): string[] {
  const recipients = values.map((v) => v.trim());
  if (recipients.length === 0) throw new AgentError("No recipient was given, so no message was sent.", "invalid_arguments");
  const bad = recipients.find((v) => !isPhoneNumber(v) && !isEmailAddress(v));
  if (bad !== undefined) {
    throw new AgentError(
      `Recipient “${bad}” is not a phone number or email address. Look it up with get_phone_number, or write the number itself.`,
      "invalid_arguments",
    );
  }
  return recipients;
}
