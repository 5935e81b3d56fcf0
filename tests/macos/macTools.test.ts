import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { addMinutes, formatLocalDateTime, fromDate, type LocalDateTime } from "../../src/core/time/localDateTime";
import { TOOLS } from "../../src/tools/catalog";
import type { ToolName } from "../../src/core/tools/names";
import type { ToolOutput } from "../../src/core/tools/toolOutput";
import { macTools } from "../../src/tools/macTools";
import { osascriptRunner } from "../../src/applescript/runner";
import { buildScript, parseRecords, text } from "../../src/applescript/script";
import { minimalPdf } from "../support/minimalPdf";

/**
 * The Mac tools for real, on a Mac (skipped elsewhere). Read tools run against the user's own apps;
 * write tools against a throwaway contact, calendar, reminders list, notes folder and folder of files
 * that the suite creates and removes. Grant the terminal (or the editor running jest) Automation
 * access to Contacts, Calendar, Reminders, Notes and Mail when macOS asks.
 *
 * What sends something only runs when asked: TINYAGENT_MAC_TEST_SMS_TO=<your own number> for
 * send_sms, TINYAGENT_ZOOM_TOKEN for Zoom (the meeting is deleted again), and
 * TINYAGENT_MAC_TEST_MAIL_SELECTED=1 (with an email selected in Mail) for reply and forward.
 */
const onMac = process.platform === "darwin" ? describe : describe.skip;

const tag = `TinyAgent Test ${Date.now().toString(36)}`;
const runner = osascriptRunner({ host: "the terminal running the tests", timeoutMs: 60_000 });
const tools = macTools({ runner, zoom: { token: process.env.TINYAGENT_ZOOM_TOKEN } });

/** A helper script with values bound the same safe way the tools bind theirs. */
async function script(app: string, values: Record<string, string>, body: string[]): Promise<string[][]> {
  const bound = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));
  const output = await runner.appleScript(buildScript({ values: bound, body }), { signal: new AbortController().signal, app });
  return parseRecords(output);
}

async function call(tool: ToolName, args: unknown[]): Promise<ToolOutput> {
  const parsed = TOOLS[tool].argsSchema.parse(args);
  const output = await tools[tool]!.run(parsed as never, { signal: new AbortController().signal, taskId: 1 });
  return typeof output === "string" ? { result: output } : output;
}

/** Tomorrow at hh:mm, as the plan would say it. */
function tomorrowAt(hour: number, minute: number): LocalDateTime {
  const t = addMinutes(fromDate(new Date()), 24 * 60);
  return { ...t, hour, minute, second: 0 };
}

/** The fields of an AppleScript date as US-separated text: year, month number, day, hours, minutes. */
const DATE_FIELDS = [
  "((year of theDate) as text)",
  "(((month of theDate) as integer) as text)",
  "((day of theDate) as text)",
  "((hours of theDate) as text)",
  "((minutes of theDate) as text)",
].join(" & US & ");
const fields = (t: LocalDateTime) => [t.year, t.month, t.day, t.hour, t.minute].map(String);

onMac("Contacts (a throwaway person)", () => {
  let personId = "";
  beforeAll(async () => {
    const [[id = ""] = []] = await script("Contacts", { theFirst: "TinyAgent", theLast: tag }, [
      'tell application "Contacts"',
      "\tset thePerson to make new person with properties {first name:theFirst, last name:theLast}",
      '\tmake new phone at end of phones of thePerson with properties {label:"mobile", value:"+1 555 0100"}',
      '\tmake new email at end of emails of thePerson with properties {label:"work", value:"tinyagent-test@example.com"}',
      "\tsave",
      "\treturn id of thePerson",
      "end tell",
    ]);
    personId = id;
  });
  afterAll(async () => {
    if (personId)
      await script("Contacts", { theId: personId }, ['tell application "Contacts"', "\tdelete person id theId", "\tsave", "end tell"]);
  });

  test("phone and email by exact and by case-insensitive name", async () => {
    expect((await call("get_phone_number", [`TinyAgent ${tag}`])).result).toBe("+1 555 0100");
    expect((await call("get_email_address", [`tinyagent ${tag.toLowerCase()}`])).result).toBe("tinyagent-test@example.com");
  });

  test("an unknown name is an error that names it", async () => {
    await expect(call("get_phone_number", [`Nobody ${tag}`])).rejects.toThrow(`No contact named “Nobody ${tag}” in Contacts.`);
  });
});

onMac("Calendar (a throwaway calendar)", () => {
  beforeAll(() =>
    script("Calendar", { theName: tag }, ['tell application "Calendar" to make new calendar with properties {name:theName}']),
  );
  afterAll(() => script("Calendar", { theName: tag }, ['tell application "Calendar" to delete (every calendar whose name is theName)']));

  test("an event at the right local time, an hour long by default, with location and notes", async () => {
    const start = tomorrowAt(14, 30);
    const invitees = process.env.TINYAGENT_MAC_TEST_INVITEE ? [process.env.TINYAGENT_MAC_TEST_INVITEE] : [];
    const title = `Sync "quoted" \\ ${tag}`;
    const { result } = await call("create_calendar_event", [
      title,
      formatLocalDateTime(start),
      "",
      "Room “4”",
      invitees,
      "line 1\nline 2",
      tag,
    ]);
    expect(result).toContain(`in calendar “${tag}”`);
    const [[startText, endText, location, notes, attendees] = []] = await script("Calendar", { theName: tag, theTitle: title }, [
      'tell application "Calendar"',
      "\tset theCalendar to first calendar whose name is theName",
      "\tset theEvent to first event of theCalendar whose summary is theTitle",
      "\tset theDate to start date of theEvent",
      `\tset theStartText to ${DATE_FIELDS}`,
      "\tset theDate to end date of theEvent",
      `\tset theEndText to ${DATE_FIELDS}`,
      "\tset AppleScript's text item delimiters to GS",
      "\treturn theStartText & RS & theEndText & RS & (location of theEvent) & RS & (description of theEvent) & RS & ((email of attendees of theEvent) as text)",
      "end tell",
    ]).then((rows) => [rows.map((r) => r.join("\u001f"))]);
    expect(startText!.split("\u001f")).toEqual(fields(start));
    expect(endText!.split("\u001f")).toEqual(fields(addMinutes(start, 60)));
    expect(location).toBe("Room “4”");
    expect(notes).toBe("line 1\nline 2");
    expect(attendees!.split("\u001d").filter(Boolean)).toEqual(invitees);
  });
});

onMac("Reminders (a throwaway list)", () => {
  beforeAll(() => script("Reminders", { theName: tag }, ['tell application "Reminders" to make new list with properties {name:theName}']));
  afterAll(() => script("Reminders", { theName: tag }, ['tell application "Reminders" to delete (every list whose name is theName)']));

  test("a timed reminder and an all-day one, with priority", async () => {
    const due = tomorrowAt(9, 15);
    expect((await call("create_reminder", ["Pay rent", formatLocalDateTime(due), "from the test", tag, 1, false])).result).toContain(
      `in list “${tag}”`,
    );
    await call("create_reminder", ["Call Sid", formatLocalDateTime(due).slice(0, 10), "", tag, 0, true]);
    const rows = await script("Reminders", { theName: tag }, [
      'tell application "Reminders"',
      "\tset theList to first list whose name is theName",
      '\tset thePayReminder to first reminder of theList whose name is "Pay rent"',
      "\tset theDate to due date of thePayReminder",
      `\tset thePay to ${DATE_FIELDS} & US & ((priority of thePayReminder) as text) & US & (body of thePayReminder)`,
      '\tset theDate to allday due date of (first reminder of theList whose name is "Call Sid")',
      `\treturn thePay & RS & ${DATE_FIELDS}`,
      "end tell",
    ]);
    expect(rows[0]).toEqual([...fields(due), "1", "from the test"]);
    expect(rows[1]!.slice(0, 3)).toEqual(fields(due).slice(0, 3));
  });
});

onMac("Notes (a throwaway folder)", () => {
  beforeAll(() =>
    script("Notes", { theName: tag }, [
      'tell application "Notes" to tell default account to make new folder with properties {name:theName}',
    ]),
  );
  afterAll(() =>
    script("Notes", { theName: tag }, [
      'tell application "Notes"',
      "\tdelete every note of (first folder whose name is theName)",
      "\tdelete (every folder whose name is theName)",
      "end tell",
    ]),
  );

  test("create, open by a looser name, append", async () => {
    const title = `Groceries ${tag}`;
    expect((await call("create_note", [title, "eggs & <milk>", tag])).result).toBe(`Created note “${title}” in folder “${tag}”.`);
    const opened = await call("open_note", [title.toLowerCase(), tag]);
    expect(opened.result).toContain("eggs & <milk>");
    expect((await call("append_note_content", [title, 'bread "fresh"', tag])).result).toBe(`Appended to note “${title}”.`);
    expect((await call("open_note", [title, tag])).result).toContain('bread "fresh"');
  });
});

onMac("Files, PDFs and Mail (a throwaway folder in the home folder)", () => {
  const dir = join(homedir(), tag.replace(/ /g, "-"));
  const name = `Quarterly Report ${Date.now().toString(36)}.pdf`;
  const pdf = join(dir, name);
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      pdf,
      minimalPdf([
        "Solar batteries cut our energy costs by twelve percent this quarter.",
        "The cafeteria now serves lunch on Fridays.",
        "Next quarter we add a second solar battery bank to store more energy.",
      ]),
    );
    // Spotlight indexes a new file within seconds; wait for it rather than fail on a slow Mac.
    for (let i = 0; i < 30; i++) {
      const found = await runner.command("mdfind", ["-onlyin", dir, "-name", name], {
        signal: new AbortController().signal,
        app: "Spotlight",
      });
      if (found.includes(pdf)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("open_and_get_file_path finds the file by a looser name and opens it", async () => {
    expect((await call("open_and_get_file_path", [name.replace(/\.pdf$/, "").toLowerCase()])).result).toBe(pdf);
  });

  test("summarize_pdf reads the text with PDFKit and labels the summary as extractive", async () => {
    const { result } = await call("summarize_pdf", [pdf]);
    expect(result).toMatch(/^Extractive summary of Quarterly Report .*\.pdf: /);
    expect(result).toContain("• Solar batteries cut our energy costs by twelve percent this quarter.");
  });

  test("compose_new_email leaves a visible, unsent draft with an attachment (then closes it)", async () => {
    const subject = `Draft ${tag}`;
    expect((await call("compose_new_email", [["tinyagent-test@example.com"], [], subject, "", [pdf]])).result).toContain("not sent");
    const [[count = ""] = []] = await script("Mail", { theSubject: subject }, [
      'tell application "Mail"',
      "\tset theDrafts to every outgoing message whose subject is theSubject",
      "\tset theCount to count of theDrafts",
      "\trepeat with theDraft in theDrafts",
      "\t\ttry",
      "\t\t\tclose theDraft saving no",
      "\t\ton error",
      "\t\t\tdelete theDraft",
      "\t\tend try",
      "\tend repeat",
      "\treturn theCount as text",
      "end tell",
    ]);
    expect(count).toBe("1");
  });

  const withSelection = process.env.TINYAGENT_MAC_TEST_MAIL_SELECTED === "1" ? test : test.skip;
  withSelection("reply_to_email and forward_email open drafts for the selected email", async () => {
    expect((await call("reply_to_email", [[], `Reply from ${tag}`, []])).result).toMatch(/^Reply to “.*” .* not sent/);
    expect((await call("forward_email", [["tinyagent-test@example.com"], [], `Forward from ${tag}`, []])).result).toMatch(/not sent/);
  });
});

onMac("Maps", () => {
  test("opens a place and directions, returning the URLs", async () => {
    expect((await call("maps_open_location", ["Apple Park, Cupertino"])).result).toBe(
      "https://maps.apple.com/?q=Apple%20Park%2C%20Cupertino",
    );
    expect((await call("maps_show_directions", ["", "Apple Park", "w"])).result).toBe(
      "https://maps.apple.com/?daddr=Apple%20Park&dirflg=w",
    );
  });
});

onMac("What sends (only when asked)", () => {
  const smsTo = process.env.TINYAGENT_MAC_TEST_SMS_TO;
  (smsTo ? test : test.skip)("send_sms to yourself", async () => {
    expect((await call("send_sms", [[smsTo!], `TinyAgent test ${tag}`])).result).toMatch(/^Sent to /);
  });

  (process.env.TINYAGENT_ZOOM_TOKEN ? test : test.skip)("a Zoom meeting, deleted again", async () => {
    const { result } = await call("get_zoom_meeting_link", [tag, formatLocalDateTime(tomorrowAt(15, 0)), 30, []]);
    const id = /\/j\/(\d+)/.exec(result)?.[1];
    expect(id).toBeDefined();
    const deleted = await fetch(`https://api.zoom.us/v2/meetings/${id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${process.env.TINYAGENT_ZOOM_TOKEN}` },
    });
    expect(deleted.status).toBe(204);
  });
});
