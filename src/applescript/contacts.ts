import { AgentError } from "../core/errors";
import { previewSteps, type MacTool } from "./macTool";
import { bestNameMatch, describeChoice } from "./nameMatch";
import { buildScript, parseRecords, splitItems } from "./script";

export type ContactField = "phones" | "emails";

/**
 * One script reads every person's names and the wanted field in bulk (one Apple event per property,
 * fast even for large address books); matching the name happens in TypeScript. The name itself is
 * not in the script, so the script is the same for every lookup. (Handlers cannot see top-level
 * variables, so `joined` relies on the text item delimiters set before the loop.)
 */
export function contactsScript(field: ContactField): string {
  return buildScript({
    values: {},
    body: [
      'tell application "Contacts"',
      "\tset theNames to name of every person",
      "\tset theFirstNames to first name of every person",
      "\tset theLastNames to last name of every person",
      "\tset theNicknames to nickname of every person",
      `\tset theValues to value of ${field} of every person`,
      `\tset theLabels to label of ${field} of every person`,
      "end tell",
      "set theRows to {}",
      "set AppleScript's text item delimiters to GS",
      "repeat with i from 1 to count of theNames",
      "\tset theRow to my clean(item i of theNames) & US & my clean(item i of theFirstNames) & US & my clean(item i of theLastNames)",
      "\tset theRow to theRow & US & my clean(item i of theNicknames) & US & my joined(item i of theValues) & US & my joined(item i of theLabels)",
      "\tset end of theRows to theRow",
      "end repeat",
      "set AppleScript's text item delimiters to RS",
      "return theRows as text",
      "on clean(theValue)",
      '\tif theValue is missing value then return ""',
      "\treturn theValue as text",
      "end clean",
      "on joined(theItems)",
      "\tset theTexts to {}",
      "\trepeat with theItem in theItems",
      "\t\tset end of theTexts to my clean(contents of theItem)",
      "\tend repeat",
      "\treturn theTexts as text",
      "end joined",
    ],
  });
}

export interface ContactCard {
  name: string;
  firstName: string;
  lastName: string;
  nickname: string;
  values: { value: string; label: string }[];
}

export function parseContacts(output: string): ContactCard[] {
  return parseRecords(output).map(([name = "", firstName = "", lastName = "", nickname = "", values, labels]) => {
    const labelList = splitItems(labels);
    const displayName = name || [firstName, lastName].filter(Boolean).join(" ");
    return {
      name: displayName,
      firstName,
      lastName,
      nickname,
      values: splitItems(values).map((value, i) => ({ value, label: cleanLabel(labelList[i] ?? "") })),
    };
  });
}

/** Contacts stores built-in labels as "_$!<Mobile>!$_". */
const cleanLabel = (label: string) => label.replace(/^_\$!<(.*)>!\$_$/, "$1").toLowerCase();

const FIELD_WORDS: Record<ContactField, { one: string; many: string; returns: string }> = {
  phones: { one: "phone number", many: "phone numbers", returns: "its mobile number (or its first number)" },
  emails: { one: "email address", many: "email addresses", returns: "its first email address" },
};

/**
 * The contact named `query` (exact name, then ignoring case and accents, then first name or
 * nickname, then partial) and its value. Among equally good matches, contacts that have the wanted
 * value come first, then alphabetical order, so the choice is stable.
 */
export function pickContactValue(query: string, field: ContactField, cards: readonly ContactCard[]): { value: string; note?: string } {
  const words = FIELD_WORDS[field];
  const match = bestNameMatch(
    query,
    cards,
    (c) => ({ full: [c.name, `${c.firstName} ${c.lastName}`], given: [c.firstName, c.nickname] }),
    (a, b) => Number(b.values.length > 0) - Number(a.values.length > 0) || a.name.localeCompare(b.name),
  );
  if (!match) throw new AgentError(`No contact named “${query}” in Contacts.`, "not_found");
  const card = match.best;
  const chosen = preferredValue(field, card.values);
  if (chosen === undefined) throw new AgentError(`${card.name} has no ${words.one} in Contacts.`, "not_found");
  const note = describeChoice(query, match, (c) => c.name);
  return note ? { value: chosen, note } : { value: chosen };
}

/** A mobile number for texts when there is one; otherwise the first value. */
function preferredValue(field: ContactField, values: ContactCard["values"]): string | undefined {
  if (field === "phones") {
    const mobile = values.find((v) => /mobile|iphone|cell/.test(v.label));
    if (mobile) return mobile.value;
  }
  return values[0]?.value;
}

/** get_phone_number and get_email_address take the same arguments ({ name }), so one definition serves both. */
export function contactTool(field: ContactField): MacTool<{ name: string }> {
  return {
    preview: (args) =>
      previewSteps([
        { title: `AppleScript: read every contact's names and ${FIELD_WORDS[field].many}`, text: contactsScript(field) },
        {
          title: `Then choose the contact that best matches “${args.name}” (exact name, then ignoring case and accents, first name, partial) and return ${FIELD_WORDS[field].returns}`,
        },
      ]),
    run: async (args, ctx) => {
      const output = await ctx.runner.appleScript(contactsScript(field), { signal: ctx.signal, app: "Contacts" });
      const { value, note } = pickContactValue(args.name, field, parseContacts(output));
      return note ? { result: value, note } : value;
    },
  };
}
