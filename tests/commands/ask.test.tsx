import type { ReactElement } from "react";
import { act } from "react-test-renderer";
import { AgentError } from "../../src/core/errors";
import AskCommand from "../../src/ask";
import { AskView } from "../../src/commands/ask/AskView";
import { ServicesContext } from "../../src/commands/hooks/useServices";
import { mockRaycast } from "../mocks/raycast-api";
import { recordingTools } from "../support/recordingTools";
import { cleanup, render, type Rendered } from "../support/render";
import { shortcutClashes } from "../support/shortcuts";
import { testServices, type TestServices } from "../support/testServices";
import { formatWhen } from "../../src/commands/ask/taskText";
import { SAMPLE_PLAN } from "./samplePlan";

/** The sample event's start as this machine's locale writes it (taskText.test.ts tests the format). */
const MON_2PM = formatWhen("2026-11-23 14:00:00");

beforeEach(() => mockRaycast.reset());
afterEach(() => cleanup());

function withServices(services: TestServices, element: ReactElement) {
  return <ServicesContext.Provider value={services}>{element}</ServicesContext.Provider>;
}

/** Ask showing a given plan (History's "Open Plan": parsed and validated like a model's), as soon as it is planned. */
async function askShowing(services: TestServices, planText = SAMPLE_PLAN, query = "Invite Sid to a sync and text Lutfi") {
  const r = await render(withServices(services, <AskView query={query} planText={planText} />));
  await r.until(() => tasks(r).length > 0 && r.all("List.Item", (p) => p.id === "stage").length === 0, "the plan");
  return r;
}

/** The same, once its lookups have resolved too. */
async function askWithPlan(services: TestServices, planText = SAMPLE_PLAN, query = "Invite Sid to a sync and text Lutfi") {
  const r = await askShowing(services, planText, query);
  await r.until(() => r.one("List").props.isLoading === false, "the plan's lookups");
  return r;
}

/** Waits for the run's summary to say it finished. */
const untilFinished = (r: Rendered) =>
  r.until(() => r.all("List.Item", (p) => p.id === "summary" && p.title === "Finished").length === 1, "the summary");
/** Each tool of the sample plan, run once (lookups included), in name order. */
const SAMPLE_TOOLS_ONCE = ["create_calendar_event", "get_email_address", "get_phone_number", "send_sms"];
const tasks = (r: Rendered) => r.all("List.Item", (p) => String(p.id).startsWith("task-"));
const item = (r: Rendered, id: number) => r.one("List.Item", (p) => p.id === `task-${id}`);
const accessoryTexts = (n: { props: Record<string, unknown> }) =>
  (n.props.accessories as { text?: string }[]).map((a) => a.text).filter(Boolean);

describe("Ask TinyAgent", () => {
  test("shows the plan as a list: one item per task, readable titles, arguments, dependencies; join hidden; lookups resolved", async () => {
    const services = testServices();
    const r = await askWithPlan(services);
    expect(tasks(r).map((t) => t.props.title)).toEqual([
      "Look Up Sid's Email Address",
      "Look Up Lutfi's Phone Number",
      `Create Event “Project Sync” on ${MON_2PM}`,
      "Text Lutfi: running late",
    ]);
    expect(item(r, 1).props.subtitle).toBe("Sid → sid@example.com");
    expect(item(r, 2).props.subtitle).toBe("Lutfi → lutfi@example.com");
    expect(item(r, 3).props.icon).toEqual({ source: "apps/calendar.png" });
    expect(accessoryTexts(item(r, 3))).toEqual(["after #1", "#3"]);
    expect(accessoryTexts(item(r, 1))).toEqual(["Done", "#1"]);
    expect(r.one("List").props.isShowingDetail).toBe(true);
    // The detail pane: every argument, and the exact script that will run with the lookup filled in.
    const detail = item(r, 3).findByType("List.Item.Detail" as never);
    expect(detail.props.markdown).toContain("Script That Will Run");
    expect(detail.props.markdown).toContain("sid@example.com");
    const labels = detail
      .findAll((n) => String(n.type) === "List.Item.Detail.Metadata.Label")
      .map((n) => `${n.props.title}: ${n.props.text}`);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Task: #3 New Calendar Event",
        "Invitees: Sid → sid@example.com",
        `Start Date: ${MON_2PM}`,
        "App: Calendar",
        "Effect: Changes something on this Mac",
      ]),
    );
    // Only the lookups ran, once each.
    expect(services.calls.map((c) => c.tool).sort()).toEqual(["get_email_address", "get_phone_number"]);
    expect(r.actionTitles(item(r, 3))).toEqual(
      expect.arrayContaining(["Edit Task", "Run Plan", "Remove Task", "Re-Plan", "Copy Plan", "Save as Quicklink", "Open Model Settings"]),
    );
  });

  test("Run Plan names every side effect, then runs each task once, live, with a counting toast, a summary and a History entry", async () => {
    const services = testServices();
    const r = await askWithPlan(services);
    await r.trigger("Run Plan", item(r, 4));
    expect(mockRaycast.alerts).toHaveLength(1);
    expect(mockRaycast.alerts[0]).toMatchObject({
      title: "Run 2 Actions?",
      message:
        `• Calendar gets the event “Project Sync” on ${MON_2PM}, inviting Sid (sid@example.com).\n` +
        "• Messages sends Lutfi (lutfi@example.com) the text “running late”.",
    });
    await untilFinished(r);
    // The lookups were not run again.
    expect(services.calls.map((c) => c.tool).sort()).toEqual(SAMPLE_TOOLS_ONCE);
    expect(services.calls.find((c) => c.tool === "send_sms")!.args).toMatchObject({ recipients: ["lutfi@example.com"] });
    expect(tasks(r).map((t) => accessoryTexts(t).find((a) => a === "Done"))).toEqual(["Done", "Done", "Done", "Done"]);
    expect(item(r, 4).props.icon).toEqual({ source: "CheckCircle", tintColor: "green" });
    expect(r.one("List.Item", (p) => p.id === "summary").props.subtitle).toBe("4 done.");
    expect(item(r, 4).findByType("List.Item.Detail" as never).props.markdown).toContain("send_sms done");
    const toast = mockRaycast.toasts.find((t) => t.title === "Plan Done")!;
    expect(toast).toMatchObject({ style: "success", message: "4 done." });
    const history = await services.history.list();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      query: "Invite Sid to a sync and text Lutfi",
      outcome: "done",
      summary: "4 done.",
      tasks: 4,
      planText: SAMPLE_PLAN,
    });
  });

  test("declining the confirmation runs nothing; “Every Plan” runs no lookup before it", async () => {
    mockRaycast.alertAnswer = false;
    const services = testServices({ preferences: { confirmation: "everything" } });
    const r = await askWithPlan(services);
    expect(item(r, 1).props.subtitle).toBe("Sid");
    await r.trigger("Run Plan");
    expect(mockRaycast.alerts[0]!.message).toContain("Also: Look Up Sid's Email Address; Look Up Lutfi's Phone Number.");
    expect(services.calls).toHaveLength(0);
  });

  test("with “Never”, Run Plan runs at once", async () => {
    const services = testServices({ preferences: { confirmation: "never" } });
    const r = await askWithPlan(services);
    await r.trigger("Run Plan");
    expect(mockRaycast.alerts).toHaveLength(0);
    expect(services.calls).toHaveLength(4);
  });

  test("a failing task is marked failed, its dependent skipped, and the toast offers the fix", async () => {
    const { tools, calls } = recordingTools({ fail: { send_sms: "x" } });
    tools.send_sms = {
      run: async () => {
        throw new AgentError("Allow Raycast to control Messages: System Settings → Privacy & Security → Automation.", "not_authorized");
      },
    };
    const services = testServices({ tools: { tools, calls }, preferences: { confirmation: "never" } });
    const r = await askWithPlan(services);
    await r.trigger("Run Plan");
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "1 of 4 Tasks Failed"), "the failure toast");
    expect(accessoryTexts(item(r, 4))).toContain("Failed");
    const toast = mockRaycast.toasts.find((t) => t.title === "1 of 4 Tasks Failed")!;
    expect(toast.primaryAction?.title).toBe("Open Automation Settings");
    toast.primaryAction!.onAction(toast);
    expect(mockRaycast.opened).toEqual(["x-apple.systempreferences:com.apple.preference.security?Privacy_Automation"]);
    expect(r.actionTitles(item(r, 4))).toContain("Open Automation Settings");
  });

  test("Cancel Run stops what has not started", async () => {
    const { tools, calls } = recordingTools({ delays: { create_note: 400 } });
    const services = testServices({ tools: { tools, calls }, preferences: { confirmation: "never" } });
    const r = await askWithPlan(services, '1. create_note("Ideas", "", "")\n2. append_note_content("Ideas", "$1", "")\n3. join()', "note");
    // Started outside act() so the test can act (cancel) while the run goes on.
    const running = (r.action("Run Plan").props.onAction as () => Promise<void>)();
    await r.until(() => r.all("Action", (p) => p.title === "Cancel Run").length > 0, "the run");
    // ↵ on the first action asks first; "Keep Running" keeps it running.
    mockRaycast.alertAnswer = false;
    await r.trigger("Cancel Run");
    expect(mockRaycast.alerts.at(-1)).toMatchObject({ title: "Cancel the Run?" });
    expect(r.all("Action", (p) => p.title === "Cancel Run")).not.toHaveLength(0);
    mockRaycast.alertAnswer = true;
    await r.trigger("Cancel Run");
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Run Cancelled"), "the cancelled toast");
    await running;
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Run Cancelled"), "the cancelled toast");
    expect(calls.map((c) => c.tool)).toEqual(["create_note"]);
    expect(accessoryTexts(item(r, 2))).toContain("Cancelled");
    expect((await services.history.list())[0]!.outcome).toBe("cancelled");
  });

  test("Run Plan pressed while contacts are looked up waits for them, confirms with their results, and looks none up twice", async () => {
    const contacts: Record<string, string> = { Sid: "sid@example.com", Lutfi: "lutfi@example.com" };
    const slow = recordingTools({
      delayMs: 5,
      delays: { get_email_address: 300, get_phone_number: 300 },
      result: (tool, args) => (tool.startsWith("get_") ? contacts[args.name as string]! : `${tool} done`),
    });
    // TinyAgent 1.1B, chosen in the preferences, is not downloaded here: the new request fails at once.
    const services = testServices({ tools: slow, preferences: { plannerModel: "tinyagent-1.1b-q4_k_m" } });
    const r = await askShowing(services);
    expect(item(r, 1).props.subtitle).toBe("Sid");
    await r.trigger("Run Plan", item(r, 4));
    expect(mockRaycast.toast).toMatchObject({ title: "Looking Up Contacts…", style: "animated" });
    expect(mockRaycast.alerts).toHaveLength(0);
    await r.until(() => mockRaycast.alerts.length > 0, "the confirmation");
    expect(mockRaycast.toasts[0]).toMatchObject({ title: "Looking Up Contacts…", hidden: true });
    expect(mockRaycast.alerts).toHaveLength(1);
    expect(mockRaycast.alerts[0]!.message).toBe(
      `• Calendar gets the event “Project Sync” on ${MON_2PM}, inviting Sid (sid@example.com).\n` +
        "• Messages sends Lutfi (lutfi@example.com) the text “running late”.",
    );
    await untilFinished(r);
    expect(slow.calls.map((c) => c.tool).sort()).toEqual(["create_calendar_event", "get_email_address", "get_phone_number", "send_sms"]);
  });

  test("a new request made while Run Plan waits for the lookups: the old plan neither asks nor runs", async () => {
    const slow = recordingTools({ delayMs: 5, delays: { get_email_address: 300, get_phone_number: 300 } });
    // TinyAgent 1.1B, chosen in the preferences, is not downloaded here: the new request fails at once.
    const services = testServices({ tools: slow, preferences: { plannerModel: "tinyagent-1.1b-q4_k_m" } });
    const r = await askShowing(services);
    await r.trigger("Run Plan", item(r, 4));
    expect(mockRaycast.toast).toMatchObject({ title: "Looking Up Contacts…" });
    await r.call(r.one("List"), "onSearchTextChange", "Text Sid that I'm late");
    await r.trigger("Plan Request");
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Could Not Plan"), "the new request");
    await r.until(() => mockRaycast.toasts[0]!.hidden, "the lookups' toast to go");
    expect(mockRaycast.alerts).toHaveLength(0);
    expect(slow.calls.map((c) => c.tool).sort()).toEqual(["get_email_address", "get_phone_number"]);
    expect(mockRaycast.toasts.map((t) => t.title)).toEqual(["Looking Up Contacts…", "Could Not Plan"]);
  });

  test("Run Plan pressed twice before the view updates runs the plan once", async () => {
    const services = testServices({ preferences: { confirmation: "never" } });
    const r = await askWithPlan(services);
    const press = r.action("Run Plan", item(r, 4)).props.onAction as () => void;
    await act(async () => {
      press();
      press();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await untilFinished(r);
    expect(services.calls.map((c) => c.tool).sort()).toEqual(SAMPLE_TOOLS_ONCE);
    expect(mockRaycast.toasts.filter((t) => t.title === "Running Plan" || t.title === "Plan Done")).toHaveLength(1);
    expect(await services.history.list()).toHaveLength(1);
  });

  test("preferences that stop the run: a failure toast with its fix, nothing runs, no toast left spinning", async () => {
    const services = testServices();
    const r = await askWithPlan(services);
    services.preferences.threads = "lots";
    // An edit looks its task up again with the preferences, which cannot be read now: the task waits for the run.
    const form = await render(withServices(services, r.action("Edit Task", item(r, 1)).props.target as ReactElement));
    await form.trigger("Save Task", undefined, { name: "Lutfi" });
    expect(item(r, 1).props.subtitle).toBe("Lutfi");
    await r.trigger("Run Plan", item(r, 4));
    await r.until(() => mockRaycast.toasts.length > 0, "the toast");
    expect(mockRaycast.toasts).toHaveLength(1);
    expect(mockRaycast.toast).toMatchObject({
      style: "failure",
      title: "Could Not Run the Plan",
      message:
        "“CPU Threads” must be a whole number such as 4, or empty for automatic (it is “lots”). Change it in TinyAgent's preferences.",
      primaryAction: { title: "Open Preferences" },
    });
    mockRaycast.toast!.primaryAction!.onAction(mockRaycast.toast!);
    expect(mockRaycast.openedPreferences).toBe(1);
    expect(mockRaycast.alerts).toHaveLength(0);
    expect(services.calls.map((c) => c.tool).sort()).toEqual(["get_email_address", "get_phone_number"]);
    expect(r.all("List.Item", (p) => p.id === "summary")).toHaveLength(0);
  });

  test("while the plan runs, a typed request offers no Plan Request (↵ must not start another plan)", async () => {
    const { tools, calls } = recordingTools({ delays: { create_note: 400 } });
    const services = testServices({ tools: { tools, calls }, preferences: { confirmation: "never" } });
    const r = await askWithPlan(services, '1. create_note("Ideas", "", "")\n2. join()', "note");
    const running = (r.action("Run Plan").props.onAction as () => Promise<void>)();
    await r.until(() => r.all("Action", (p) => p.title === "Cancel Run").length > 0, "the run");
    await r.call(r.one("List"), "onSearchTextChange", "Text Sid that I'm late");
    expect(r.all("Action", (p) => p.title === "Plan Request")).toHaveLength(0);
    await running;
    await untilFinished(r);
    expect(r.all("Action", (p) => p.title === "Plan Request").length).toBeGreaterThan(0);
  });

  test("Remove Task warns about the tasks that use its result and removes them too", async () => {
    const r = await askWithPlan(testServices());
    await r.trigger("Remove Task", item(r, 2));
    expect(mockRaycast.alerts[0]).toMatchObject({
      title: "Remove 2 Tasks?",
      message: "#4 Text Lutfi: running late\n\nuses the result of #2 and will be removed too.",
    });
    expect(tasks(r).map((t) => t.props.id)).toEqual(["task-1", "task-3"]);
    const copy = r.action("Copy Plan");
    expect(copy.props.content).toBe(
      '1. get_email_address("Sid")\n3. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "", "", ["$1"], "", "")\n5. join()',
    );
  });

  test("Edit Task: a form with the tool's fields, checked by its schema; the lookup resolves again", async () => {
    const services = testServices({ contacts: { Sid: "sid@example.com", Sidney: "sidney@example.com", Lutfi: "l@example.com" } });
    const r = await askWithPlan(services);
    const form = await render(withServices(services, r.action("Edit Task", item(r, 1)).props.target as ReactElement));
    expect(form.all("Form.TextField").map((f) => [f.props.id, f.props.defaultValue, f.props.placeholder])).toEqual([
      ["name", "Sid", "Sid"],
    ]);
    await form.trigger("Save Task", undefined, { name: "Sidney" });
    expect(mockRaycast.popped).toBe(1);
    await r.until(() => item(r, 1).props.subtitle === "Sidney → sidney@example.com", "the new lookup");

    const eventForm = await render(withServices(services, r.action("Edit Task", item(r, 3)).props.target as ReactElement));
    // Dates are date pickers, starting at the task's date on this Mac's clock.
    const picker = eventForm.one("Form.DatePicker", (p) => p.id === "start_date");
    expect(picker.props.type).toBe("date_time");
    expect(picker.props.defaultValue).toEqual(new Date(2026, 10, 23, 14, 0, 0));
    const values = { title: "Sync", start_date: null, end_date: null, location: "", invitees: "$1", notes: "", calendar: "" };
    await eventForm.trigger("Save Task", undefined, values);
    expect(eventForm.one("Form.DatePicker", (p) => p.id === "start_date").props.error).toBe(
      "Must be a date and time as 'YYYY-MM-DD HH:MM:SS'.",
    );
    expect(mockRaycast.popped).toBe(1);
    const nineAm = new Date(2026, 10, 24, 9, 0, 0);
    await eventForm.trigger("Save Task", undefined, { ...values, invitees: "$7", start_date: nineAm });
    expect(mockRaycast.toast).toMatchObject({
      title: "Task Not Saved",
      message: "Task 3 uses $7, but a task can only use the results of tasks before it.",
    });
    await eventForm.trigger("Save Task", undefined, { ...values, start_date: nineAm });
    expect(item(r, 3).props.title).toBe(`Create Event “Sync” on ${formatWhen("2026-11-24 09:00:00")}`);
  });

  test("Save as Quicklink links to this command with the request", async () => {
    const r = await askWithPlan(testServices());
    const quicklink = r.action("Save as Quicklink").props.quicklink as { link: string; name: string };
    expect(quicklink.name).toBe("TinyAgent: Invite Sid to a sync and text Lutfi");
    expect(quicklink.link).toBe(
      `raycast://extensions/tinyagent/tinyagent/ask?arguments=${encodeURIComponent(JSON.stringify({ query: "Invite Sid to a sync and text Lutfi" }))}`,
    );
    await r.trigger("Open Model Settings");
    expect(mockRaycast.openedPreferences).toBe(1);
    await r.trigger("Manage Models");
    expect(mockRaycast.launched).toEqual([{ name: "models", type: "userInitiated" }]);
  });

  test("an invalid plan never runs: its problems show and there is no Run Plan", async () => {
    const r = await askWithPlan(testServices(), '1. send_sms(["Sid"])\n2. get_email_address("$5")\n3. join()');
    const problems = r.all("List.Item", (p) => String(p.id).startsWith("problem-")).map((p) => p.props.title);
    expect(problems).toEqual([
      "Task 1: send_sms takes 2 arguments (recipients, message), got 1.",
      "Task 2 uses $5, but a task can only use the results of tasks before it.",
    ]);
    expect(r.all("Action", (p) => p.title === "Run Plan")).toHaveLength(0);
    expect(tasks(r)).toHaveLength(2);
  });

  test("a task its tool would refuse can be fixed with Edit Task; the plan's lookups then resolve", async () => {
    const services = testServices({ contacts: { Sid: "sid@example.com" } });
    const plan = [
      '1. get_email_address("Sid")',
      '2. send_sms(["Lutfi"], "running late")',
      '3. create_calendar_event("Sync", "2026-11-23 14:00:00", "", "", ["$1"], "", "")',
      "4. join()",
    ].join("\n");
    const r = await askWithPlan(services, plan);
    const problems = r.all("List.Item", (p) => String(p.id).startsWith("problem-")).map((p) => p.props.title);
    expect(problems).toEqual([
      "Task 2: Recipient “Lutfi” is not a phone number or email address. Look it up with get_phone_number, or write the number itself.",
    ]);
    expect(r.all("Action", (p) => p.title === "Run Plan")).toHaveLength(0);
    const form = await render(withServices(services, r.action("Edit Task", item(r, 2)).props.target as ReactElement));
    await form.trigger("Save Task", undefined, { recipients: "+1 415 555 0100", message: "running late" });
    await r.until(() => item(r, 1).props.subtitle === "Sid → sid@example.com", "the plan's lookups");
    expect(r.all("List.Item", (p) => String(p.id).startsWith("problem-"))).toHaveLength(0);
    expect(r.all("Action", (p) => p.title === "Run Plan").length).toBeGreaterThan(0);
  });

  test("without a request: a placeholder and an empty view; typed text plans; a missing model offers its download", async () => {
    const services = testServices({ preferences: { plannerModel: "tinyagent-1.1b-q4_k_m" } });
    const r = await render(withServices(services, <AskCommand arguments={{ query: "" }} />));
    expect(r.one("List").props.searchBarPlaceholder).toBe("Text Sid that I'm running late");
    expect(r.one("List.EmptyView").props.title).toBe("Ask TinyAgent");
    expect(r.one("List").props.isLoading).toBe(false);
    expect(r.all("Action", (p) => p.title === "Plan Request")).toHaveLength(0);
    await r.call(r.one("List"), "onSearchTextChange", "Text Sid that I'm late");
    await r.trigger("Plan Request");
    // TinyAgent 1.1B, chosen in the preferences, is not downloaded in this test's model folder.
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Could Not Plan"), "the failure toast");
    const toast = mockRaycast.toasts.find((t) => t.title === "Could Not Plan")!;
    expect(toast.message).toBe("TinyAgent 1.1B (Q4_K_M) is not downloaded yet: download it (668 MB) before using it.");
    expect(toast.primaryAction?.title).toBe("Download Model");
    const error = r.one("List.Item", (p) => p.id === "error");
    expect(error.props.title).toBe("Could Not Plan");
    expect(r.actionTitles(error)).toEqual(expect.arrayContaining(["Download Model", "Re-Plan", "Manage Models"]));
    expect(r.all("List.EmptyView")).toHaveLength(0);
  });

  test("takes fallback text when no argument is given", async () => {
    const services = testServices({ preferences: { plannerModel: "tinyagent-1.1b-q4_k_m" } });
    const r = await render(withServices(services, <AskCommand arguments={{ query: "" }} fallbackText="text Sid that I am running late" />));
    expect(r.one("List").props.searchText).toBe("text Sid that I am running late");
    // It is planned (and fails here: the planner chosen in the preferences is not downloaded in this test's model folder).
    await r.until(() => r.all("List.Item", (p) => p.id === "error").length === 1, "the planning");
    expect(r.all("List.EmptyView")).toHaveLength(0);
  });

  test("a plan of nothing says why instead of showing an empty list", async () => {
    const r = await render(withServices(testServices(), <AskView query="play some jazz" planText="1. join()" />));
    await r.until(() => r.all("List.EmptyView", (p) => p.title === "Nothing to Do").length === 1, "the reason");
    expect(r.one("List.EmptyView").props.description).toMatch(/^None of TinyAgent's tools does this\./);
    expect(tasks(r)).toHaveLength(0);
  });

  test("a request for a note that names none asks which (the shipped models, embedded)", async () => {
    const r = await render(withServices(testServices(), <AskCommand arguments={{ query: "open my notes" }} />));
    await r.until(() => r.all("List.EmptyView", (p) => p.title === "Say Which").length === 1, "the reason", 60_000);
    expect(r.one("List.EmptyView").props.description).toMatch(/^Open Note needs to know which note/);
    expect(tasks(r)).toHaveLength(0);
  });

  test("a launch context cannot hand Ask a plan (a deeplink can carry one)", async () => {
    const services = testServices({ preferences: { confirmation: "never" } });
    const launch = { arguments: { query: "" }, launchContext: { planText: '1. send_sms(["Sid"], "hi")\n2. join()' } };
    const r = await render(withServices(services, <AskCommand {...(launch as Parameters<typeof AskCommand>[0])} />));
    expect(r.renderer.root.findByType(AskView).props).toEqual({ query: "" });
    expect(r.one("List.EmptyView").props.title).toBe("Ask TinyAgent");
  });
  test("after a run, ↵ starts a new request; Run Plan Again asks first even with “Never”, naming what it sends again", async () => {
    const services = testServices({ preferences: { confirmation: "never" } });
    const r = await askWithPlan(services);
    await r.trigger("Run Plan");
    await untilFinished(r);
    expect(services.calls).toHaveLength(4);
    for (const scope of [item(r, 4), r.one("List.Item", (p) => p.id === "summary")]) {
      expect(r.actionTitles(scope)[0]).toBe("New Request");
      expect(r.actionTitles(scope).slice(0, 2)).not.toContain("Run Plan Again…");
    }
    await r.trigger("New Request", item(r, 4));
    expect(r.one("List").props.searchText).toBe("");
    expect(services.calls).toHaveLength(4);
    mockRaycast.alertAnswer = false;
    await r.trigger("Run Plan Again…", item(r, 4));
    expect(mockRaycast.alerts).toHaveLength(1);
    expect(mockRaycast.alerts[0]).toMatchObject({
      title: "Run the Plan Again?",
      message:
        "It already ran. Running it again does all of this a second time:\n" +
        `• Calendar gets the event “Project Sync” on ${MON_2PM}, inviting Sid (sid@example.com).\n` +
        "• Messages sends Lutfi (lutfi@example.com) the text “running late”.",
    });
    expect(services.calls).toHaveLength(4);
    mockRaycast.alertAnswer = true;
    await r.trigger("Run Plan Again…", item(r, 4));
    // The lookups' results are reused; the side effects happen a second time, as the alert said.
    await r.until(() => services.calls.length === 6, "the second run");
    expect(
      services.calls
        .slice(4)
        .map((c) => c.tool)
        .sort(),
    ).toEqual(["create_calendar_event", "send_sms"]);
    expect(mockRaycast.alerts).toHaveLength(2);
  });

  test("no two actions of one panel share a key press, at any stage (↵ and ⌘↵ included)", async () => {
    const { tools, calls } = recordingTools({ delays: { create_calendar_event: 300 } });
    const services = testServices({ tools: { tools, calls }, preferences: { confirmation: "never" } });
    const r = await askWithPlan(services);
    expect(shortcutClashes(r.renderer.root)).toEqual([]);
    await r.call(r.one("List"), "onSearchTextChange", "Text Sid that I'm late");
    expect(shortcutClashes(r.renderer.root)).toEqual([]);
    await r.call(r.one("List"), "onSearchTextChange", "Invite Sid to a sync and text Lutfi");
    const running = (r.action("Run Plan").props.onAction as () => Promise<void>)();
    await r.until(() => r.all("Action", (p) => p.title === "Cancel Run").length > 0, "the run");
    expect(shortcutClashes(r.renderer.root)).toEqual([]);
    await running;
    await untilFinished(r);
    expect(shortcutClashes(r.renderer.root)).toEqual([]);
    const invalid = await askWithPlan(testServices(), '1. send_sms(["Sid"])\n2. join()');
    expect(shortcutClashes(invalid.renderer.root)).toEqual([]);
  });

  test("the run toast's Cancel asks first, like the Cancel Run action", async () => {
    const { tools, calls } = recordingTools({ delays: { create_note: 400 } });
    const services = testServices({ tools: { tools, calls }, preferences: { confirmation: "never" } });
    const r = await askWithPlan(services, '1. create_note("Ideas", "", "")\n2. append_note_content("Ideas", "$1", "")\n3. join()', "note");
    const running = (r.action("Run Plan").props.onAction as () => Promise<void>)();
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Running Plan"), "the run's toast");
    const toast = mockRaycast.toasts.find((t) => t.title === "Running Plan")!;
    mockRaycast.alertAnswer = false;
    await act(async () => {
      await toast.primaryAction!.onAction(toast);
    });
    expect(mockRaycast.alerts.at(-1)).toMatchObject({ title: "Cancel the Run?" });
    mockRaycast.alertAnswer = true;
    await act(async () => {
      await toast.primaryAction!.onAction(toast);
    });
    await running;
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Run Cancelled"), "the cancelled toast");
    expect(calls.map((c) => c.tool)).toEqual(["create_note"]);
  });
});
