import fc from "fast-check";
import { calendarEventScript } from "../../src/applescript/calendar";
import { contactsScript } from "../../src/applescript/contacts";
import { pdfTextScript } from "../../src/applescript/files";
import { integerLiteral, textListLiteral, textLiteral } from "../../src/applescript/literal";
import { composeScript, respondScript } from "../../src/applescript/mail";
import { sendMessageScript } from "../../src/applescript/messages";
import { appendNoteScript, createNoteScript, listNotesScript, openNoteScript } from "../../src/applescript/notes";
import { reminderScript } from "../../src/applescript/reminders";
import { decodeTextExpression, lexScript } from "../support/appleScriptLexer";

const INJECTION = '" & (do shell script "touch /tmp/pwned") & "';

/** Any text: all of Unicode, lone surrogates, and the characters an encoder gets wrong most often. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      "\\",
      "\n",
      "\r",
      "\t",
      "\0",
      "“",
      "”",
      "«",
      "»",
      "¬",
      "&",
      "(",
      ")",
      "a",
      " ",
      "é",
      "😀",
      "\u2028",
      "\ud800",
    ),
    maxLength: 40,
  }),
  fc.constant(INJECTION),
);

describe("textLiteral (the one way values reach AppleScript)", () => {
  test("decodes back to exactly the value, for any text", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(decodeTextExpression(textLiteral(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ["", '""'],
    ["plain", '"plain"'],
    ['say "hi" \\o/', '"say \\"hi\\" \\\\o/"'],
    ["two\nlines", '("two" & (character id 10) & "lines")'],
    ["\0", "(character id 0)"],
    ["“curly”", '((character id 8220) & "curly" & (character id 8221))'],
    [INJECTION, '"\\" & (do shell script \\"touch /tmp/pwned\\") & \\""'],
  ])("%j → %s", (value, literal) => {
    expect(textLiteral(value)).toBe(literal);
  });

  test("the decoder is strict: naive quoting is caught", () => {
    const naive = (v: string) => `"${v}"`;
    expect(() => decodeTextExpression(naive(INJECTION))).toThrow(/not a single text value/);
    expect(() => decodeTextExpression(naive("a\\b"))).toThrow(/unknown escape/);
    expect(() => decodeTextExpression(naive("a\nb"))).toThrow(/unsafe raw character/);
    expect(() => decodeTextExpression(naive("“"))).toThrow(/unsafe raw character/);
  });

  test("lists and integers", () => {
    expect(textListLiteral([])).toBe("{}");
    expect(textListLiteral(["a", 'b"'])).toBe('{"a", "b\\""}');
    expect(integerLiteral(7)).toBe("7");
    expect(() => integerLiteral(1.5)).toThrow(RangeError);
    expect(() => integerLiteral(Number.NaN)).toThrow(RangeError);
  });
});

const DATE = { year: 2026, month: 11, day: 23, hour: 14, minute: 0, second: 0 };

/** Every script builder, with the n text values it binds, in order, after `skip` fixed literals (`use` lines). */
const BUILDERS: [string, (v: string[]) => string, number, number?][] = [
  [
    "calendar",
    (v) =>
      calendarEventScript({
        title: v[0]!,
        location: v[1]!,
        notes: v[2]!,
        calendar: v[3]!,
        invitees: [v[4]!, v[5]!],
        start: DATE,
        end: DATE,
      }),
    6,
  ],
  ["reminder", (v) => reminderScript({ name: v[0]!, notes: v[1]!, list: v[2]!, priority: 5, due: { at: DATE, allDay: false } }), 3],
  ["create note", (v) => createNoteScript(v[0]!, v[1]!), 2],
  ["list notes", (v) => listNotesScript(v[0]!), 1],
  ["open note", (v) => openNoteScript(v[0]!), 1],
  ["append note", (v) => appendNoteScript(v[0]!, v[1]!), 2],
  ["compose", (v) => composeScript({ to: [v[0]!], cc: [v[1]!], subject: v[2]!, content: v[3]!, attachments: [v[4]!] }), 5],
  ["reply", (v) => respondScript("reply", { to: [v[0]!], cc: [v[1]!], subject: v[2]!, content: v[3]!, attachments: [v[4]!] }), 5],
  ["forward", (v) => respondScript("forward", { to: [v[0]!], cc: [v[1]!], subject: v[2]!, content: v[3]!, attachments: [v[4]!] }), 5],
  ["messages", (v) => sendMessageScript([v[1]!, v[2]!], v[0]!), 3],
  ["pdf", (v) => pdfTextScript(v[0]!), 1, 3],
];

describe("scripts never change with the values in them", () => {
  test.each(BUILDERS)("%s: same text outside the literals, and the values come back exactly", (_name, build, n, skip = 0) => {
    const reference = lexScript(build(Array.from({ length: n }, () => "x")));
    fc.assert(
      fc.property(fc.array(anyText, { minLength: n, maxLength: n }), (values) => {
        const lexed = lexScript(build(values));
        expect(lexed.skeleton).toBe(reference.skeleton);
        expect(lexed.values.slice(skip, skip + n)).toEqual(values);
        expect([...lexed.values.slice(0, skip), ...lexed.values.slice(skip + n)]).toEqual([
          ...reference.values.slice(0, skip),
          ...reference.values.slice(skip + n),
        ]);
      }),
      { numRuns: 200 },
    );
  });

  test("the contacts script has no values at all: the name is matched in TypeScript", () => {
    for (const field of ["phones", "emails"] as const) {
      expect(lexScript(contactsScript(field)).values).toEqual(["Contacts", ""]);
    }
  });
});
