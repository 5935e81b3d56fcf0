import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executePlan, type ExecutionEvent } from "../../src/agent/executor";
import type { ToolImplementations } from "../../src/tools/toolContract";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";
import { macTools } from "../../src/tools/macTools";
import { DRY_RUN, osascriptRunner } from "../../src/applescript/runner";
import { executionError, fakeMac } from "../support/fakeOsascript";

const US = "\u001f";
const RS = "\u001e";
const GS = "\u001d";
const HOME = "/Users/sid";

/** The Mac tools over a fake osascript and fake mdfind/open: everything but the Mac itself is real. */
function mac(options: Parameters<typeof fakeMac>[0], home = HOME) {
  const fake = fakeMac(options);
  const tools = macTools({ runner: osascriptRunner({ host: "Raycast", ...fake }), home, zoom: { timeZone: "UTC" } });
  return { tools, recorded: fake.recorded };
}

async function call(tools: ToolImplementations, tool: ToolName, args: unknown[]) {
  const parsed = TOOLS[tool].argsSchema.parse(args);
  const implementation = tools[tool]!;
  return implementation.run(parsed as never, { signal: new AbortController().signal, taskId: 1 });
}

const contact = (name: string, first: string, last: string, values: string[], labels = values.map(() => "")) =>
  [name, first, last, "", values.join(GS), labels.join(GS)].join(US);

describe("contacts", () => {
  const book = [contact("Sid Smith", "Sid", "Smith", ["+1 555 0101"]), contact("Sid Jones", "Sid", "Jones", ["+1 555 0102"])].join(RS);

  test("the value is the result; which contact was chosen is the note", async () => {
    const { tools, recorded } = mac({ appleScript: () => book });
    await expect(call(tools, "get_phone_number", ["sid"])).resolves.toEqual({
      result: "+1 555 0102",
      note: "Chose “Sid Jones” for “sid” (first name); 2 match: Sid Jones, Sid Smith.",
    });
    expect(recorded.scripts[0]).toContain("value of phones of every person");
    await expect(call(tools, "get_phone_number", ["Sid Smith"])).resolves.toBe("+1 555 0101");
  });

  test("no such contact; Contacts not allowed", async () => {
    await expect(call(mac({ appleScript: () => book }).tools, "get_email_address", ["Lutfi"])).rejects.toThrow(
      "No contact named “Lutfi” in Contacts.",
    );
    const denied = mac({ appleScript: () => Promise.reject(executionError("Not authorized to send Apple events to Contacts.", -1743)) });
    await expect(call(denied.tools, "get_email_address", ["Sid"])).rejects.toThrow(
      "Allow Raycast to control Contacts: System Settings → Privacy & Security → Automation.",
    );
  });
});

describe("calendar and reminders", () => {
  test("the event goes to the named calendar, or the result says where it went instead", async () => {
    const { tools, recorded } = mac({ appleScript: () => ["Home", "E1", "true"].join(US) });
    const result = await call(tools, "create_calendar_event", [
      "Sync",
      "2026-11-23 14:00:00",
      "",
      "Room 1",
      ["sid@example.com"],
      "",
      "Work",
    ]);
    expect(result).toBe(
      "Created “Sync” in calendar “Home”: Monday 2026-11-23 14:00–15:00, at Room 1, with sid@example.com invited. There is no calendar named “Work” that accepts events, so it went to “Home”.",
    );
    expect(recorded.scripts[0]).toContain('set theCalendarName to "Work"');
  });

  test("names instead of addresses, and an end before the start, are refused before Calendar is touched", async () => {
    const { tools, recorded } = mac({ appleScript: () => "" });
    await expect(call(tools, "create_calendar_event", ["Sync", "2026-11-23 14:00:00", "", "", ["Sid"], "", ""])).rejects.toThrow(
      "Invitee “Sid” is not an email address. Look it up with get_email_address, or write the address itself.",
    );
    await expect(
      call(tools, "create_calendar_event", ["Sync", "2026-11-23 14:00:00", "2026-11-23 13:00:00", "", [], "", ""]),
    ).rejects.toThrow("The event would end (2026-11-23 13:00:00) before it starts (2026-11-23 14:00:00).");
    expect(recorded.scripts).toEqual([]);
  });

  test("a reminder: list, due date, priority", async () => {
    const { tools, recorded } = mac({ appleScript: () => ["Reminders", "true"].join(US) });
    await expect(call(tools, "create_reminder", ["Pay rent", "2026-12-01", "", "Bills", 1, false])).resolves.toBe(
      "Created reminder “Pay rent” in list “Reminders”, due Tuesday 2026-12-01 (all day), priority high. There is no list named “Bills”, so it went to the default list.",
    );
    expect(recorded.scripts[0]).toContain("set allday due date of theReminder to theDue");
  });
});

describe("notes", () => {
  const listing = ["true", ["id-1", "Groceries"].join(US), ["id-2", "Shopping list"].join(US), ["id-3", "shopping ideas"].join(US)].join(
    RS,
  );

  test("open_note: the best match is opened by id; its text is the result", async () => {
    const { tools, recorded } = mac({ appleScript: (_s, i) => (i === 0 ? listing : "Shopping list\nmilk") });
    await expect(call(tools, "open_note", ["shopping list", ""])).resolves.toEqual({
      result: "Shopping list\nmilk",
      note: "Opened “Shopping list”. Chose “Shopping list” for “shopping list” (same name ignoring case and accents).",
    });
    expect(recorded.scripts[1]).toContain('set theNoteId to "id-2"');
    expect(recorded.scripts[1]).toContain("show theNote");
  });

  test("append_note_content: HTML-escaped lines; a missing folder is said in the result", async () => {
    const { tools, recorded } = mac({ appleScript: (_s, i) => (i === 0 ? listing : "Groceries") });
    await expect(call(tools, "append_note_content", ["Groceries", "<eggs> & milk\n\nbread", "Food"])).resolves.toBe(
      "Appended to note “Groceries”. There is no folder named “Food”, so all notes were searched.",
    );
    expect(recorded.scripts[1]).toContain('set theAddition to "<div>&lt;eggs&gt; &amp; milk</div><div><br></div><div>bread</div>"');
  });

  test("no matching note; create_note into the default folder", async () => {
    await expect(call(mac({ appleScript: () => listing }).tools, "open_note", ["Taxes", ""])).rejects.toThrow("No note named “Taxes”.");
    const { tools, recorded } = mac({ appleScript: () => ["Ideas", "Notes", "true"].join(US) });
    await expect(call(tools, "create_note", ["Ideas", "a 'quote'", "Work"])).resolves.toBe(
      "Created note “Ideas” in folder “Notes”. There is no folder named “Work”, so it went to the default folder.",
    );
    expect(recorded.scripts[0]).toContain('set theBody to "<div><h1>Ideas</h1></div><div>a &#39;quote&#39;</div>"');
  });
});

describe("mail: drafts only", () => {
  const dir = mkdtempSync(join(tmpdir(), "tinyagent-mail-"));
  const file = join(dir, "agenda.pdf");
  writeFileSync(file, "%PDF-1.4\n");

  test("a visible draft with recipients and an existing attachment; never sent", async () => {
    const { tools, recorded } = mac({ appleScript: () => "" });
    await expect(call(tools, "compose_new_email", [["sid@example.com"], [], "Agenda", "See attached", [file]])).resolves.toBe(
      `Draft “Agenda” is open in Mail, not sent (to sid@example.com; 1 attachment).`,
    );
    expect(recorded.scripts[0]).toContain(`set theAttachments to {"${file}"}`);
    expect(recorded.scripts[0]).toContain("visible:true");
  });

  test("no Mail script can send", () => {
    const { tools } = mac({});
    for (const tool of ["compose_new_email", "reply_to_email", "forward_email"] as const) {
      const args = TOOLS[tool].argsSchema.parse(
        tool === "reply_to_email"
          ? [[], "hi", []]
          : tool === "forward_email"
            ? [["a@b.co"], [], "hi", []]
            : [["a@b.co"], [], "s", "hi", []],
      );
      expect(tools[tool]!.preview!(args as never)).not.toMatch(/^\s*send\b|\bsend (theMessage|it)\b/m);
    }
  });

  test("a missing attachment or a name instead of an address stops before Mail is touched", async () => {
    const { tools, recorded } = mac({ appleScript: () => "" });
    await expect(call(tools, "compose_new_email", [["sid@example.com"], [], "A", "", [join(dir, "nope.pdf")]])).rejects.toThrow(
      `Attachment “${join(dir, "nope.pdf")}” does not exist.`,
    );
    await expect(call(tools, "forward_email", [["Sid"], [], "", []])).rejects.toThrow("Recipient “Sid” is not an email address");
    expect(recorded.scripts).toEqual([]);
  });

  test("replying needs a selected email", async () => {
    const { tools } = mac({
      appleScript: () =>
        Promise.reject(executionError("No email is selected in Mail: select the email to reply to, then try again.", 1000)),
    });
    await expect(call(tools, "reply_to_email", [[], "Thanks!", []])).rejects.toThrow(
      "No email is selected in Mail: select the email to reply to, then try again.",
    );
  });
});

describe("messages", () => {
  test("each recipient's outcome is reported; a partial failure is a failure that says who got it", async () => {
    const ok = mac({ appleScript: () => [["+1 555 0101", "iMessage"].join(US), ["+1 555 0102", "SMS"].join(US)].join(RS) });
    await expect(call(ok.tools, "send_sms", [["+1 555 0101", "+1 555 0102"], "Late!"])).resolves.toBe(
      "Sent to +1 555 0101 (iMessage), +1 555 0102 (SMS).",
    );
    const partial = mac({
      appleScript: () => [["+1 555 0101", "iMessage"].join(US), ["+1 555 0102", "failed", "no SMS account"].join(US)].join(RS),
    });
    await expect(call(partial.tools, "send_sms", [["+1 555 0101", "+1 555 0102"], "Late!"])).rejects.toThrow(
      "Sent to +1 555 0101 (iMessage), but not to +1 555 0102 (no SMS account).",
    );
  });

  test("a name where a number belongs is refused before anything is sent", async () => {
    const { tools, recorded } = mac({});
    await expect(call(tools, "send_sms", [["Sid"], "Late!"])).rejects.toThrow("Recipient “Sid” is not a phone number or email address.");
    expect(recorded.scripts).toEqual([]);
  });
});

describe("maps and files", () => {
  test("maps: the URL is opened with open and returned", async () => {
    const { tools, recorded } = mac({});
    await expect(call(tools, "maps_open_location", ["Café de Flore"])).resolves.toBe("https://maps.apple.com/?q=Caf%C3%A9%20de%20Flore");
    await expect(call(tools, "maps_show_directions", ["", "SFO", "r"])).resolves.toEqual({
      result: "https://maps.apple.com/?daddr=SFO&dirflg=r",
      note: "public transit directions from your current location to “SFO”",
    });
    expect(recorded.commands).toEqual([
      { file: "open", args: ["https://maps.apple.com/?q=Caf%C3%A9%20de%20Flore"] },
      { file: "open", args: ["https://maps.apple.com/?daddr=SFO&dirflg=r"] },
    ]);
    await expect(call(tools, "maps_open_location", [" "])).rejects.toThrow("No location was given");
  });

  const found = (...paths: string[]) => paths.join("\n") + "\n";

  test("files: Spotlight by name, the best match (not hidden, not ~/Library, nearest home) is opened and returned", async () => {
    const { tools, recorded } = mac({
      command: (file) =>
        file === "mdfind"
          ? found(
              `${HOME}/Library/Caches/report.pdf`,
              `${HOME}/.Trash/report.pdf`,
              `${HOME}/Documents/old/report.pdf`,
              `${HOME}/Documents/report.pdf`,
              `${HOME}/report-draft.pdf`,
            )
          : "",
    });
    await expect(call(tools, "open_and_get_file_path", ["report"])).resolves.toEqual({
      result: `${HOME}/Documents/report.pdf`,
      note: `Chose “${HOME}/Documents/report.pdf” for “report” (exact name); 2 match: ${HOME}/Documents/report.pdf, ${HOME}/Documents/old/report.pdf.`,
    });
    expect(recorded.commands).toEqual([
      { file: "mdfind", args: ["-onlyin", HOME, "-name", "report"] },
      { file: "open", args: [`${HOME}/Documents/report.pdf`] },
    ]);
  });

  test("files: nothing for the whole name, so Spotlight again with its longest word", async () => {
    const { tools, recorded } = mac({
      command: (file, args) => (file === "mdfind" && args[3] === "quarterly" ? found(`${HOME}/Q3 Quarterly-Report.pdf`) : ""),
    });
    await expect(call(tools, "open_and_get_file_path", ["quarterly report"])).resolves.toEqual({
      result: `${HOME}/Q3 Quarterly-Report.pdf`,
      note: `Chose “${HOME}/Q3 Quarterly-Report.pdf” for “quarterly report” (partial name).`,
    });
    expect(recorded.commands.map((c) => c.args[3] ?? c.args[0])).toEqual([
      "quarterly report",
      "quarterly",
      `${HOME}/Q3 Quarterly-Report.pdf`,
    ]);
    await expect(call(mac({ command: () => "" }).tools, "open_and_get_file_path", ["taxes"])).rejects.toThrow(
      `Spotlight found no file named “taxes” in ${HOME}.`,
    );
  });

  test("files: apps, bundles and scripts are never opened, even when their name matches best", async () => {
    const runnable = [
      `${HOME}/setup.command`,
      `${HOME}/Applications/Setup.app`,
      `${HOME}/Setup.app/Contents/Info.plist`,
      `${HOME}/bin/setup.sh`,
    ];
    const { tools, recorded } = mac({
      command: (file) => (file === "mdfind" ? found(...runnable, `${HOME}/Documents/Setup notes.pdf`) : ""),
    });
    await expect(call(tools, "open_and_get_file_path", ["setup"])).resolves.toMatchObject({ result: `${HOME}/Documents/Setup notes.pdf` });
    expect(recorded.commands.at(-1)).toEqual({ file: "open", args: [`${HOME}/Documents/Setup notes.pdf`] });
    const onlyRunnable = mac({ command: (file) => (file === "mdfind" ? found(...runnable) : "") });
    await expect(call(onlyRunnable.tools, "open_and_get_file_path", ["setup"])).rejects.toThrow(`Spotlight found no file named “setup”`);
    expect(onlyRunnable.recorded.commands.some((c) => c.file === "open")).toBe(false);
  });

  test("summarize_pdf: PDFKit's text, summarized extractively; no text, or no file, is a clear error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tinyagent-pdf-"));
    const pdf = join(dir, "report.pdf");
    writeFileSync(pdf, "%PDF-1.4\n");
    const text = "Solar batteries cut our energy costs. The cafeteria is closed. Solar batteries store energy for the evening.";
    const { tools, recorded } = mac({ appleScript: () => text }, dir);
    const summary = (await call(tools, "summarize_pdf", ["~/report.pdf"])) as string;
    expect(summary.split("\n")[0]).toMatch(/^Extractive summary of report\.pdf: all 3 sentences/);
    expect(recorded.scripts[0]).toContain(`set thePath to "${pdf}"`);
    await expect(call(mac({ appleScript: () => "" }, dir).tools, "summarize_pdf", [pdf])).rejects.toThrow(
      /report\.pdf has no text to summarize/,
    );
    await expect(call(tools, "summarize_pdf", [join(dir, "none.pdf")])).rejects.toThrow(`PDF “${join(dir, "none.pdf")}” does not exist.`);
    await expect(call(tools, "summarize_pdf", ["report.pdf"])).rejects.toThrow("PDF “report.pdf” is not a full path.");
  });
});

describe("the tool set", () => {
  test("all 16 tools, each previewing what it runs", () => {
    const tools = macTools({ runner: DRY_RUN, home: HOME });
    expect(Object.keys(tools).sort()).toEqual([...TOOL_NAMES].sort());
    for (const name of TOOL_NAMES) expect(typeof tools[name]!.preview).toBe("function");
  });

  test("a plan runs through the executor: results flow into later scripts, notes come along", async () => {
    const book = contact("Sid Smith", "Sid", "Smith", ["+1 555 0101"]);
    const { tools, recorded } = mac({
      appleScript: (script) => (script.includes("Contacts") ? book : ["+1 555 0101", "iMessage"].join(US)),
    });
    const validated = parseAndValidatePlan('1. get_phone_number("Sid")\n2. send_sms(["$1"], "Late!")\n3. join()');
    if (!validated.ok) throw new Error("bad plan");
    const events: ExecutionEvent[] = [];
    for await (const e of executePlan(validated.plan, { tools })) events.push(e);
    expect(events.find((e) => e.type === "succeeded" && e.taskId === 1)).toMatchObject({
      result: "+1 555 0101",
      note: "Chose “Sid Smith” for “Sid” (first name).",
    });
    expect(events.find((e) => e.type === "started" && e.taskId === 2)).toMatchObject({
      script: expect.stringContaining('{"+1 555 0101"}'),
    });
    expect(recorded.scripts[1]).toContain('set theRecipients to {"+1 555 0101"}');
  });

  test("a dry run runs nothing and answers with markers", async () => {
    const tools = macTools({ runner: DRY_RUN, home: HOME });
    await expect(call(tools, "send_sms", [["+1 555"], "hi"])).resolves.toBe("⟨result of #1⟩");
  });
});
