import type { MacContext } from "./macTool";
import { existingFile, expandHome } from "./paths";
import { buildScript, list, parseRecords, text } from "./script";
import { MESSAGE_FOR_PEOPLE } from "./scriptErrors";

/**
 * Every Mail tool leaves a visible draft for the person to read and send; no script here ever says
 * `send`. Attachments become file references at the top level (outside `tell`), then are attached
 * after the content is set, because setting the content afterwards would drop them.
 */
export interface Draft {
  to: string[];
  cc: string[];
  subject: string;
  content: string;
  attachments: string[];
}

const FILES = [
  "set theFiles to {}",
  "repeat with thePath in theAttachments",
  "\tset end of theFiles to POSIX file (contents of thePath)",
  "end repeat",
];

const ADD_RECIPIENTS_AND_FILES = [
  "\ttell theMessage",
  "\t\trepeat with theAddress in theTo",
  "\t\t\tmake new to recipient at end of to recipients with properties {address:(contents of theAddress)}",
  "\t\tend repeat",
  "\t\trepeat with theAddress in theCc",
  "\t\t\tmake new cc recipient at end of cc recipients with properties {address:(contents of theAddress)}",
  "\t\tend repeat",
  // Attachments go after the last paragraph, so an empty body needs one.
  '\t\tif theFiles is not {} and content is "" then set content to linefeed',
  "\t\trepeat with theFile in theFiles",
  "\t\t\tmake new attachment with properties {file name:(contents of theFile)} at after the last paragraph",
  "\t\tend repeat",
  "\tend tell",
];

const draftValues = (d: Draft) => ({
  theTo: list(d.to),
  theCc: list(d.cc),
  theSubject: text(d.subject),
  theContent: text(d.content),
  theAttachments: list(d.attachments),
});

export function composeScript(d: Draft): string {
  return buildScript({
    values: draftValues(d),
    body: [
      ...FILES,
      'tell application "Mail"',
      "\tset theMessage to make new outgoing message with properties {subject:theSubject, content:theContent, visible:true}",
      ...ADD_RECIPIENTS_AND_FILES,
      "\tactivate",
      "end tell",
      'return ""',
    ],
  });
}

/** Reply to or forward the first selected message; the context goes above the quoted original. */
export function respondScript(kind: "reply" | "forward", d: Draft): string {
  return buildScript({
    values: draftValues(d),
    body: [
      ...FILES,
      'tell application "Mail"',
      "\tset theSelection to selection",
      `\tif theSelection is {} then error "No email is selected in Mail: select the email to ${kind === "reply" ? "reply to" : "forward"}, then try again." number ${MESSAGE_FOR_PEOPLE}`,
      "\tset theOriginal to item 1 of theSelection",
      `\tset theMessage to ${kind} theOriginal with opening window`,
      '\tif theContent is not "" then',
      "\t\tset theQuoted to content of theMessage",
      '\t\tif theQuoted is missing value then set theQuoted to ""',
      "\t\tset content of theMessage to theContent & linefeed & linefeed & theQuoted",
      "\tend if",
      ...ADD_RECIPIENTS_AND_FILES,
      "\tactivate",
      "\treturn (subject of theOriginal) & US & (sender of theOriginal)",
      "end tell",
    ],
  });
}

/** Addresses trimmed, "~" expanded: what the preview shows is what runs. */
export function normalizedDraft(d: Draft, home: string): Draft {
  const trim = (values: string[]) => values.map((v) => v.trim());
  return { ...d, to: trim(d.to), cc: trim(d.cc), attachments: d.attachments.map((a) => expandHome(a, home)) };
}

/** Refuses attachments that do not exist, before Mail is touched (addresses are checked with the other arguments). */
export async function checkedDraft(draft: Draft, ctx: MacContext): Promise<Draft> {
  const d = normalizedDraft(draft, ctx.settings.home);
  await Promise.all(d.attachments.map((a) => existingFile(a, ctx.settings.home, "Attachment")));
  return d;
}

export function describeDraft(d: Draft): string {
  const parts: string[] = [];
  if (d.to.length > 0) parts.push(`to ${d.to.join(", ")}`);
  if (d.cc.length > 0) parts.push(`cc ${d.cc.join(", ")}`);
  if (d.attachments.length > 0) parts.push(`${d.attachments.length} attachment${d.attachments.length === 1 ? "" : "s"}`);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

export async function respond(kind: "reply" | "forward", draft: Draft, ctx: MacContext): Promise<string> {
  const d = await checkedDraft(draft, ctx);
  const output = await ctx.runner.appleScript(respondScript(kind, d), { signal: ctx.signal, app: "Mail" });
  const [subject = "", sender = ""] = parseRecords(output)[0] ?? [];
  const what = kind === "reply" ? "Reply" : "Forward";
  return `${what} to “${subject}” from ${sender} is open in Mail, not sent${describeDraft(d)}.`;
}
