import { parseAndValidatePlan, type PlanProblem } from "../../src/agent/plan/validatePlan";

const problemsOf = (text: string, offeredTools?: Parameters<typeof parseAndValidatePlan>[1]): PlanProblem[] => {
  const r = parseAndValidatePlan(text, offeredTools);
  return r.ok ? [] : r.problems;
};

describe("plan validation", () => {
  test("a good plan validates, with dependencies and join depending on all", () => {
    const r = parseAndValidatePlan(
      '1. get_email_address("Sid")\n2. get_email_address("Lutfi")\n3. create_calendar_event("Sync", "2026-11-23 14:00:00", "", None, ["$1", "$2"], "", "")\n4. join()',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.tasks.map((t) => t.dependencies)).toEqual([[], [], [1, 2], [1, 2, 3]]);
  });

  test("reports every problem, not just the first", () => {
    const problems = problemsOf(
      [
        '1. get_phone_numbr("Sid")',
        '3. send_sms(["$2"])',
        '2. create_reminder("x", "tomorrow", "", "", 0, "no")',
        "4. join(1)",
        '5. maps_open_location("x")',
      ].join("\n"),
    );
    const codes = problems.map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "unknown_tool",
        "arity",
        "reference",
        "id_order",
        "argument",
        "join_arguments",
        "join_misplaced",
        "join_missing",
      ]),
    );
    expect(problems.find((p) => p.code === "unknown_tool")!.message).toMatch(/Did you mean get_phone_number\?/);
    expect(problems.find((p) => p.code === "arity")!.message).toMatch(/send_sms takes 2 arguments \(recipients, message\), got 1/);
    expect(problems.filter((p) => p.code === "argument").map((p) => p.message)).toEqual([
      expect.stringMatching(
        /due_date \(argument 2\) must be a date and time as 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD', or an empty string, not "tomorrow"/,
      ),
      expect.stringMatching(/all_day \(argument 6\) must be True or False, not "no"/),
    ]);
  });

  test("missing join, empty plan, and references to later or missing tasks", () => {
    expect(problemsOf('1. maps_open_location("Apple Park")').map((p) => p.code)).toEqual(["join_missing"]);
    expect(problemsOf("").map((p) => p.code)).toEqual(["empty"]);
    const refs = problemsOf('1. summarize_pdf("$2")\n2. open_and_get_file_path("a.pdf")\n3. summarize_pdf("$7")\n4. join()');
    expect(refs.map((p) => p.message)).toEqual([
      "Task 1 uses $2, but a task can only use the results of tasks before it.",
      "Task 3 uses $7, but a task can only use the results of tasks before it.",
    ]);
  });

  test("a reference where text goes is fine; where a number goes it is not", () => {
    expect(
      problemsOf('1. get_email_address("Eren")\n2. get_zoom_meeting_link("Demo", "2026-11-24 09:00:00", 60, ["$1"])\n3. join()'),
    ).toEqual([]);
    const p = problemsOf('1. get_phone_number("x")\n2. create_reminder("x", "", "", "", "$1", False)\n3. join()');
    expect(p[0]!.message).toMatch(/priority cannot take a task's result \(\$1\); it needs a whole number from 0 to 9/);
  });

  test("single addresses and None are accepted where the TinyAgent descriptions allow them", () => {
    expect(problemsOf('1. compose_new_email("anna@example.com", [], "Hi", None, "$0")\n2. join()').map((p) => p.code)).toEqual([
      "reference",
    ]);
    expect(problemsOf('1. compose_new_email("anna@example.com", [], "Hi", None, [])\n2. join()')).toEqual([]);
  });

  test("a huge value is echoed capped, with an ellipsis and its length", () => {
    const huge = "x".repeat(1_000_000);
    const messages = (plan: string) => problemsOf(plan).map((p) => p.message);
    expect(messages(`1. ${huge}()\n2. join()`)).toEqual([`Task 1: there is no tool named '${"x".repeat(60)}… (1,000,000 characters)'.`]);
    expect(messages(`1. send_sms(["${huge}"], "hi")\n2. join()`)[0]).toBe(
      `Task 1: Recipient “${"x".repeat(60)}… (1,000,000 characters)” is not a phone number or email address. Look it up with get_phone_number, or write the number itself.`,
    );
    expect(messages(`1. maps_show_directions("a", "b", ["${huge}"])\n2. join()`)[0]).toMatch(
      /must be .*, not \["x{58}… \(1,000,004 characters\)\.$/,
    );
    expect(messages(`1. get_phone_number(${huge}="Sid")\n2. join()`)[0]).toMatch(/named argument 'x{60}… \(1,000,000 characters\)='/);
    expect(messages(`1. ${huge}("Sid"`)[0]).toMatch(/the call to x{60}… \(1,000,000 characters\) is not closed/);
    for (const m of [...messages(`1. ${huge}()\n2. join()`), ...messages(`1. ${huge}(`)]) expect(m.length).toBeLessThan(300);
  });

  test("tools outside the selection are refused", () => {
    const p = problemsOf('1. send_sms(["+1 555"], "hi")\n2. join()', { offeredTools: ["get_phone_number"] });
    expect(p.map((x) => x.code)).toEqual(["tool_not_offered"]);
  });

  test("invalid dates are caught", () => {
    const p = problemsOf('1. create_calendar_event("x", "2026-02-30 10:00:00", "", "", [], "", "")\n2. join()');
    expect(p[0]!.message).toMatch(/start_date/);
  });

  test("what a tool would refuse when it runs is shown at review, for every known value", () => {
    const messages = (text: string) => problemsOf(text).map((p) => p.message);
    expect(messages('1. create_calendar_event("x", "2026-11-23 14:00:00", "2026-11-23 13:00:00", "", [], "", "")\n2. join()')).toEqual([
      "Task 1: The event would end (2026-11-23 13:00:00) before it starts (2026-11-23 14:00:00).",
    ]);
    expect(messages('1. send_sms(["Sid"], " ")\n2. join()')).toEqual([
      "Task 1: Recipient “Sid” is not a phone number or email address. Look it up with get_phone_number, or write the number itself.",
      "Task 1: The message is empty: there is nothing to send.",
    ]);
    expect(messages('1. compose_new_email(["sid@example.com"], ["Lutfi"], "Hi", "", [])\n2. join()')).toEqual([
      "Task 1: Cc “Lutfi” is not an email address. Look it up with get_email_address, or write the address itself.",
    ]);
    expect(messages('1. maps_show_directions("Home", "", "d")\n2. join()')).toEqual([
      "Task 1: No destination was given, so there is nothing to show in Maps.",
    ]);
    expect(messages('1. get_zoom_meeting_link("Sync", "2026-11-23 14:00:00", 30, ["Sid"])\n2. join()')).toHaveLength(1);
    expect(problemsOf('1. send_sms([], "Late!")\n2. join()')[0]!.message).toBe("Task 1: No recipient was given for the message.");
  });

  test("a value that holds another task's result is checked when the task runs, not at review", () => {
    const plan = [
      '1. get_phone_number("Sid")',
      '2. get_email_address("Sid")',
      '3. maps_open_location("Zuni Café")',
      '4. send_sms(["$1", "+1 (415) 555-0100"], "$3")',
      '5. create_calendar_event("Dinner", "2026-11-23 19:00:00", "", "${3}", ["$2", "lutfi@example.com"], "", "")',
      "6. join()",
    ].join("\n");
    expect(problemsOf(plan)).toEqual([]);
    // No tool returns a date, so a result where a date goes could never run: refused at review.
    const dated =
      '1. get_zoom_meeting_link("Sync", "2026-11-23 14:00:00", 30, [])\n2. create_calendar_event("Sync", "2026-11-23 14:00:00", "$1", "", [], "", "")\n3. join()';
    expect(problemsOf(dated).map((p) => p.message)).toEqual([
      "Task 2: create_calendar_event's end_date cannot take a task's result ($1); it needs a date and time as 'YYYY-MM-DD HH:MM:SS' or an empty string.",
    ]);
  });
});
