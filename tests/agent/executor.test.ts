import { getEventListeners } from "node:events";
import { executePlan, type ExecutionEvent } from "../../src/agent/executor";
import type { Plan } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { recordingTools } from "../support/recordingTools";

function plan(text: string): Plan {
  const r = parseAndValidatePlan(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.plan;
}

async function collect(stream: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

const INVITE = plan(
  [
    '1. get_email_address("Sid")',
    '2. get_email_address("Lutfi")',
    '3. create_calendar_event("Sync", "2026-11-23 14:00:00", "", "", ["$1", "$2"], "Agenda: ${1} leads", "")',
    "4. join()",
  ].join("\n"),
);

const emails: Record<string, string> = { Sid: "sid@example.com", Lutfi: "lutfi@example.com" };

describe("executor", () => {
  test("independent tasks overlap; dependents wait and get results substituted", async () => {
    const { tools, calls } = recordingTools({
      delayMs: 60,
      result: (tool, args) => (tool === "get_email_address" ? emails[args.name as string]! : "created"),
    });
    const events = await collect(executePlan(INVITE, { tools }));
    const [sid, lutfi, event] = calls;
    expect(sid!.start).toBeLessThan(lutfi!.end!);
    expect(lutfi!.start).toBeLessThan(sid!.end!);
    expect(event!.start).toBeGreaterThanOrEqual(Math.max(sid!.end!, lutfi!.end!));
    expect(event!.args).toMatchObject({
      invitees: ["sid@example.com", "lutfi@example.com"],
      notes: "Agenda: sid@example.com leads",
      location: "",
    });
    expect(events.filter((e) => e.type === "queued").map((e) => e.taskId)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({ type: "succeeded", taskId: 4, result: "3 done." });
    const started = events.find((e) => e.type === "started" && e.taskId === 3);
    expect(started).toMatchObject({ script: expect.stringContaining("sid@example.com") });
  });

  test("a failed task's dependents are skipped, the rest still run, nothing runs twice", async () => {
    const { tools, calls } = recordingTools({ fail: { get_email_address: "no contact named Lutfi" }, result: () => "x" });
    const p = plan(
      '1. get_email_address("Lutfi")\n2. get_phone_number("Sid")\n3. compose_new_email(["$1"], [], "Hi", "", [])\n4. send_sms(["$2"], "hi")\n5. join()',
    );
    const events = await collect(executePlan(p, { tools }));
    expect(events.find((e) => e.taskId === 1 && e.type === "failed")).toMatchObject({
      error: expect.stringMatching(/no contact named Lutfi/),
    });
    expect(events.find((e) => e.taskId === 3 && e.type !== "queued")).toEqual({ type: "skipped", taskId: 3, reason: "task 1 failed" });
    expect(events.some((e) => e.taskId === 4 && e.type === "succeeded")).toBe(true);
    expect(calls.map((c) => c.taskId).sort()).toEqual([1, 2, 4]);
    expect(events.at(-1)).toMatchObject({ taskId: 5, result: "2 done, 1 failed, 1 skipped." });
  });

  test("cancelling stops everything not yet started", async () => {
    const controller = new AbortController();
    const { tools, calls } = recordingTools({ delayMs: 50 });
    const p = plan('1. get_phone_number("Sid")\n2. send_sms(["$1"], "hi")\n3. join()');
    const events: ExecutionEvent[] = [];
    for await (const e of executePlan(p, { tools, signal: controller.signal })) {
      events.push(e);
      if (e.type === "started" && e.taskId === 1) controller.abort();
    }
    expect(calls.map((c) => c.taskId)).toEqual([1]);
    expect(calls[0]!.aborted).toBe(true);
    expect(
      events
        .filter((e) => e.type === "cancelled")
        .map((e) => e.taskId)
        .sort(),
    ).toEqual([1, 2]);
  });

  test("a task already running when the run is cancelled is reported as what really happened", async () => {
    const controller = new AbortController();
    // A tool that finishes its work even though it is asked to stop (e.g. the message was already sent).
    const stubborn = { run: async () => new Promise<string>((resolve) => setTimeout(() => resolve("sent"), 40)) };
    const { tools } = recordingTools({ delayMs: 40 });
    const p = plan('1. send_sms(["+1 555 0100"], "hi")\n2. get_phone_number("Sid")\n3. join()');
    const events: ExecutionEvent[] = [];
    for await (const e of executePlan(p, { tools: { ...tools, send_sms: stubborn }, signal: controller.signal })) {
      events.push(e);
      if (e.type === "started" && e.taskId === 2) controller.abort();
    }
    expect(events.find((e) => e.taskId === 1 && e.type !== "queued" && e.type !== "started")).toMatchObject({
      type: "succeeded",
      result: "sent",
    });
    expect(events.find((e) => e.taskId === 2 && e.type === "cancelled")).toMatchObject({
      note: expect.stringMatching(/had started; check whether it did its part/),
    });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  test("a finished run leaves no listener on the caller's signal", async () => {
    const controller = new AbortController();
    const { tools } = recordingTools({});
    for await (const _ of executePlan(INVITE, { tools, signal: controller.signal })) void _;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  test("a task that runs too long fails with a timeout and its signal is aborted", async () => {
    const { tools, calls } = recordingTools({ delays: { get_phone_number: 10_000 } });
    const events = await collect(executePlan(plan('1. get_phone_number("Sid")\n2. join()'), { tools, taskTimeoutMs: 50 }));
    expect(events.find((e) => e.type === "failed")).toMatchObject({
      error: "get_phone_number did not finish within 50 ms and was stopped.",
    });
    expect(calls[0]!.aborted).toBe(true);
  });

  test("a result that breaks the next task's schema fails that task with a clear message", async () => {
    const { tools } = recordingTools({ result: () => "not a date" });
    // Review refuses a result where a date goes (no tool returns one); the executor still checks
    // every filled-in task itself, for a plan that reached it some other way.
    const p: Plan = {
      tasks: [
        { id: 1, tool: "get_phone_number", args: ["x"], dependencies: [] },
        { id: 2, tool: "create_calendar_event", args: ["x", "$1", "", "", [], "", ""], dependencies: [1] },
        { id: 3, tool: "join", args: [], dependencies: [1, 2] },
      ],
    };
    const events = await collect(executePlan(p, { tools }));
    expect(events.find((e) => e.type === "failed")).toMatchObject({
      taskId: 2,
      error: expect.stringMatching(/start_date is not valid after filling in earlier results/),
    });
  });

  test("a tool without an implementation fails without stopping the others", async () => {
    const { tools } = recordingTools({});
    delete tools.send_sms;
    const events = await collect(
      executePlan(plan('1. send_sms(["+1 555 0100"], "hi")\n2. create_note("x", "", "")\n3. join()'), { tools }),
    );
    expect(events.find((e) => e.type === "failed")).toMatchObject({ taskId: 1, error: expect.stringMatching(/not available/) });
    expect(events.some((e) => e.taskId === 2 && e.type === "succeeded")).toBe(true);
  });

  test("nothing runs until the stream is read", async () => {
    const { tools, calls } = recordingTools({});
    const stream = executePlan(INVITE, { tools });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(0);
    await collect(stream);
    expect(calls).toHaveLength(3);
  });

  test("a join-only plan finishes at once with nothing to do", async () => {
    const events = await collect(executePlan(plan("1. join()"), { tools: {} }));
    expect(events.at(-1)).toMatchObject({ type: "succeeded", result: "Nothing to do." });
  });

  test("precomputed results are reused: those tasks do not run again, their dependents get the results", async () => {
    const { tools, calls } = recordingTools({ result: () => "created" });
    const precomputed = new Map([
      [1, { result: "sid@example.com", note: "Sid Lee (of 2 named Sid)" }],
      [2, { result: "lutfi@example.com" }],
    ]);
    const events = await collect(executePlan(INVITE, { tools, precomputed }));
    expect(calls.map((c) => c.tool)).toEqual(["create_calendar_event"]);
    expect(calls[0]!.args).toMatchObject({ invitees: ["sid@example.com", "lutfi@example.com"] });
    expect(events.find((e) => e.taskId === 1 && e.type === "succeeded")).toEqual({
      type: "succeeded",
      taskId: 1,
      result: "sid@example.com",
      note: "Sid Lee (of 2 named Sid)",
      elapsedMs: 0,
      reused: true,
    });
    expect(events.some((e) => e.type === "started" && (e.taskId === 1 || e.taskId === 2))).toBe(false);
    expect(events.at(-1)).toMatchObject({ taskId: 4, result: "3 done." });
  });

  test("a precomputed result for a task that depends on others is refused", async () => {
    const { tools } = recordingTools({});
    const stream = executePlan(INVITE, { tools, precomputed: new Map([[3, { result: "x" }]]) });
    await expect(collect(stream)).rejects.toThrow(/task 3, which is not an action without dependencies/);
  });
});
