import { needsConfirmation } from "../../src/agent/runSession";
import { confirmationText } from "../../src/commands/ask/askFlow";
import { argsFromForm, formFields, formValues } from "../../src/commands/ask/taskForm";
import {
  argumentRows,
  contextOf,
  dependencyText,
  formatWhen,
  sideEffectText,
  taskSubtitle,
  taskTitle,
} from "../../src/commands/ask/taskText";
import { scriptPreview } from "../../src/commands/ask/scriptPreview";

/** The sample event's start as this machine's locale writes it (the format itself is tested below). */
const MON_2PM = formatWhen("2026-11-23 14:00:00");
import { macTools } from "../../src/tools/macTools";
import { DRY_RUN } from "../../src/applescript/runner";
import { sampleSteps } from "./samplePlan";

const steps = sampleSteps();
const [sid, lutfi, event, text] = steps;
const resolved = contextOf(
  steps,
  new Map([
    [1, "sid@example.com"],
    [2, "+1 555 0100"],
  ]),
);
const unresolved = contextOf(steps);

describe("task text", () => {
  test("titles read as what happens, references named by who they look up", () => {
    expect(taskTitle(text!, unresolved)).toBe("Text Lutfi: running late");
    expect(taskTitle(sid!, unresolved)).toBe("Look Up Sid's Email Address");
    expect(taskTitle(lutfi!, unresolved)).toBe("Look Up Lutfi's Phone Number");
    expect(taskTitle(event!, unresolved)).toBe(`Create Event “Project Sync” on ${MON_2PM}`);
    expect(taskTitle({ id: 1, tool: "maps_show_directions", args: ["", "Apple Park", "w"] }, unresolved)).toBe(
      "Directions to “Apple Park”",
    );
  });

  test("subtitles show arguments, and a resolved lookup its answer", () => {
    expect(taskSubtitle(sid!, unresolved)).toBe("Sid");
    expect(taskSubtitle(sid!, resolved)).toBe("Sid → sid@example.com");
    expect(taskSubtitle(text!, unresolved)).toBe("Lutfi · running late");
  });

  test("dependencies and every argument of the detail pane", () => {
    expect(dependencyText(event!)).toBe("after #1");
    expect(dependencyText(sid!)).toBeUndefined();
    expect(argumentRows(event!, resolved)).toEqual([
      { label: "Title", value: "Project Sync" },
      { label: "Start Date", value: MON_2PM },
      { label: "End Date", value: "—" },
      { label: "Location", value: "—" },
      { label: "Invitees", value: "Sid → sid@example.com" },
      { label: "Notes", value: "—" },
      { label: "Calendar", value: "—" },
    ]);
    expect(argumentRows(text!, unresolved)[0]).toEqual({ label: "Recipients", value: "Lutfi (from #2)" });
  });

  test("side effects say who gets what; reads have none", () => {
    expect(sideEffectText(text!, resolved)).toBe("Messages sends Lutfi (+1 555 0100) the text “running late”.");
    expect(sideEffectText(event!, resolved)).toBe(`Calendar gets the event “Project Sync” on ${MON_2PM}, inviting Sid (sid@example.com).`);
    expect(sideEffectText(sid!, resolved)).toBeUndefined();
    expect(formatWhen("tomorrow")).toBe("tomorrow");
  });

  test("dates read in the locale: weekday, day, month, year and the time as that locale writes them", () => {
    // The exact punctuation is ICU's and changes between Node versions; the order and the parts do not.
    expect(formatWhen("2026-11-23 14:00:00", "en-GB")).toMatch(/^Mon,? 23 Nov 2026,? 14:00$/);
    expect(formatWhen("2026-11-23 14:00:00", "en-US")).toMatch(/^Mon,? Nov 23, 2026,? 2:00\s?PM$/);
    expect(formatWhen("2026-11-23 14:05:00", "de-DE")).toMatch(/^Mo\.?,? 23\. Nov\.? 2026,? 14:05$/);
    expect(formatWhen("2026-11-23", "en-GB")).toMatch(/^Mon,? 23 Nov 2026$/);
    // Wall-clock times: no time zone shifts them, even in the hour clocks skip.
    expect(formatWhen("2027-03-14 02:30:00", "en-GB")).toMatch(/^Sun,? 14 Mar 2027,? 0?2:30$/);
  });

  test("the confirmation lists every side effect, and what else runs", () => {
    const { title, message } = confirmationText(steps, contextOf(steps, new Map([[1, "sid@example.com"]])));
    expect(title).toBe("Run 2 Actions?");
    expect(message).toBe(
      [
        `• Calendar gets the event “Project Sync” on ${MON_2PM}, inviting Sid (sid@example.com).`,
        "• Messages sends Lutfi the text “running late”.",
        "Also: Look Up Lutfi's Phone Number.",
      ].join("\n"),
    );
  });

  test("the confirmation policy", () => {
    const reads = steps.slice(0, 2);
    expect(needsConfirmation("sideEffects", steps)).toBe(true);
    expect(needsConfirmation("sideEffects", reads)).toBe(false);
    expect(needsConfirmation("everything", reads)).toBe(true);
    expect(needsConfirmation("never", steps)).toBe(false);
    expect(needsConfirmation("everything", [{ id: 1, tool: "join", args: [] }])).toBe(false);
  });

  test("the script that will run: the dry-run tools' exact preview, known results filled in", () => {
    const tools = macTools({ runner: DRY_RUN, home: "/Users/you" });
    const before = scriptPreview(event!, tools, new Map());
    expect(before).toContain("⟨result of #1⟩");
    const after = scriptPreview(event!, tools, new Map([[1, "sid@example.com"]]));
    expect(after).toContain("sid@example.com");
    expect(after).toContain('tell application "Calendar"');
    expect(scriptPreview({ id: 9, tool: "send_sms", args: [["x"]] }, tools, new Map())).toBeUndefined();
  });
});

describe("Edit Task form", () => {
  test("one field per argument, by role", () => {
    const fields = formFields("create_reminder", ["Milk", "", "", "", 0, false]);
    expect(fields.map((f) => [f.id, f.kind])).toEqual([
      ["name", "text"],
      ["due_date", "date"],
      ["notes", "textarea"],
      ["list_name", "text"],
      ["priority", "dropdown"],
      ["all_day", "checkbox"],
    ]);
    expect(fields.every((f) => f.placeholder !== "" || f.kind === "dropdown" || f.kind === "checkbox")).toBe(true);
    expect(formValues("send_sms", [["$2", "+1 555"], "late"])).toEqual({ recipients: "$2, +1 555", message: "late" });
  });

  test("dates are date pickers: a moment or a day, on this Mac's clock, back in the plan's format; a reference stays text", () => {
    const event = ["Sync", "2026-11-23 14:00:00", "", "", [], "", ""];
    const fields = formFields("create_calendar_event", event);
    expect(fields.filter((f) => f.kind === "date").map((f) => [f.id, f.dateOnly ?? false])).toEqual([
      ["start_date", false],
      ["end_date", false],
    ]);
    const values = formValues("create_calendar_event", event);
    expect(values.start_date).toEqual(new Date(2026, 10, 23, 14, 0, 0));
    expect(values.end_date).toBeNull();
    expect(argsFromForm("create_calendar_event", { ...values, start_date: new Date(2026, 10, 24, 9, 30, 17) }, fields)).toEqual({
      ok: true,
      args: ["Sync", "2026-11-24 09:30:00", "", "", [], "", ""],
    });
    const reminder = ["Milk", "2026-11-25", "", "", 0, false];
    const reminderFields = formFields("create_reminder", reminder);
    expect(reminderFields.find((f) => f.id === "due_date")).toMatchObject({ kind: "date", dateOnly: true });
    const reminderValues = formValues("create_reminder", reminder);
    expect(argsFromForm("create_reminder", { ...reminderValues, due_date: new Date(2026, 10, 26) }, reminderFields)).toEqual({
      ok: true,
      args: ["Milk", "2026-11-26", "", "", 0, false],
    });
    // A date that is another task's result cannot run (no tool returns a date): the picker starts empty to fix it.
    expect(formFields("create_calendar_event", ["Sync", "$1", "", "", [], "", ""]).find((f) => f.id === "start_date")?.kind).toBe("date");
    expect(formValues("create_calendar_event", ["Sync", "$1", "", "", [], "", ""]).start_date).toBeNull();
  });

  test("values go back to arguments checked by the tool's schema; references stay", () => {
    expect(argsFromForm("send_sms", { recipients: "$2,  +1 555 ", message: "late" })).toEqual({
      ok: true,
      args: [["$2", "+1 555"], "late"],
    });
    expect(
      argsFromForm("get_zoom_meeting_link", { topic: "Sync", start_time: "2026-11-23 14:00:00", duration: "30", meeting_invitees: "" }),
    ).toEqual({
      ok: true,
      args: ["Sync", "2026-11-23 14:00:00", 30, []],
    });
    const bad = argsFromForm("get_zoom_meeting_link", {
      topic: "Sync",
      start_time: "tomorrow at 2",
      duration: "half an hour",
      meeting_invitees: "",
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        start_time: "Must be a date and time as 'YYYY-MM-DD HH:MM:SS'.",
        duration: "Must be a whole number of minutes (1 to 1440).",
      },
    });
    expect(
      argsFromForm("create_calendar_event", {
        title: "x",
        start_date: "$1",
        end_date: "",
        location: "",
        invitees: "",
        notes: "",
        calendar: "",
      }).ok,
    ).toBe(false);
  });
});
