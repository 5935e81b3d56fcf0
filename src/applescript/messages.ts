import { buildScript, list, parseRecords, text } from "./script";

/**
 * Sends the message to each recipient: through iMessage, and through SMS (an iPhone's Text Message
 * Forwarding) when iMessage refuses. Each recipient's outcome comes back, so one failure never hides
 * who did get the message. Messages only reports what fails at once; a message to a number without
 * iMessage can still fail later in Messages itself.
 */
export function sendMessageScript(recipients: readonly string[], message: string): string {
  return buildScript({
    values: { theMessage: text(message), theRecipients: list(recipients) },
    body: [
      "set theResults to {}",
      'tell application "Messages"',
      "\trepeat with theRecipient in theRecipients",
      "\t\tset theAddress to contents of theRecipient",
      "\t\ttry",
      "\t\t\tset theAccount to 1st account whose service type = iMessage",
      "\t\t\tsend theMessage to participant theAddress of theAccount",
      '\t\t\tset end of theResults to theAddress & US & "iMessage"',
      "\t\ton error",
      "\t\t\ttry",
      "\t\t\t\tset theAccount to 1st account whose service type = SMS",
      "\t\t\t\tsend theMessage to participant theAddress of theAccount",
      '\t\t\t\tset end of theResults to theAddress & US & "SMS"',
      "\t\t\ton error theError",
      '\t\t\t\tset end of theResults to theAddress & US & "failed" & US & theError',
      "\t\t\tend try",
      "\t\tend try",
      "\tend repeat",
      "end tell",
      "set AppleScript's text item delimiters to RS",
      "return theResults as text",
    ],
  });
}

export interface Delivery {
  recipient: string;
  service: string;
  error?: string;
}

export function parseDeliveries(output: string): Delivery[] {
  return parseRecords(output).map(([recipient = "", service = "", error]) =>
    error === undefined ? { recipient, service } : { recipient, service, error },
  );
}
