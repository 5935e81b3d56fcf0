import type { ExecutionEvent } from "../../src/agent/executor";
import { dependentsOf } from "../../src/agent/plan/dag";
import {
  askReducer,
  initialAskState,
  isBusy,
  knownResults,
  runProgress,
  visibleSteps,
  type AskState,
  type EditAction,
  type FlowEvent,
} from "../../src/commands/ask/askState";
import { sampleResult, sampleSteps } from "./samplePlan";

/** Applies edits as they are, and flow events as the first request's (generation 1). */
const reduce = (state: AskState, ...actions: (FlowEvent | EditAction)[]) =>
  actions.reduce((s, a) => askReducer(s, a.type === "edit" || a.type === "remove" ? a : { ...a, generation: 1 }), state);
const planned = () =>
  reduce(
    initialAskState("q"),
    { type: "start", query: "q" },
    ...sampleSteps().map((step) => ({ type: "pipeline" as const, event: { type: "step" as const, step } })),
    { type: "planned", result: sampleResult() },
  );
const lookup = (event: ExecutionEvent, args: unknown[]): FlowEvent => ({ type: "lookup", event, args: args as never });

describe("Ask state", () => {
  test("stages, then tasks one by one as the plan streams, then ready", () => {
    let s = reduce(initialAskState("q"), { type: "start", query: "q" });
    expect(s.stage).toBe("engines");
    expect(isBusy(s)).toBe(true);
    s = reduce(s, { type: "stage", stage: "engines", progress: "Installing on-device engines… 42 MB of 155 MB" });
    expect(s.progress).toBe("Installing on-device engines… 42 MB of 155 MB");
    s = reduce(s, { type: "pipeline", event: { type: "tools", selection: { selected: [{ tool: "send_sms", probability: 0.9 }] } } });
    expect(s.stage).toBe("planning");
    expect(s.offered).toEqual(["send_sms"]);
    const [first, second] = sampleSteps();
    s = reduce(s, { type: "pipeline", event: { type: "step", step: first! } });
    expect(visibleSteps(s).map((t) => t.id)).toEqual([1]);
    s = reduce(
      s,
      { type: "pipeline", event: { type: "step", step: second! } },
      { type: "pipeline", event: { type: "step", step: second! } },
    );
    expect(visibleSteps(s).map((t) => t.id)).toEqual([1, 2]);

    const ready = planned();
    expect(ready.stage).toBe("ready");
    expect(ready.plan?.tasks.map((t) => t.id)).toEqual([1, 2, 3, 4, 5]);
    expect(visibleSteps(ready).map((t) => t.id)).toEqual([1, 2, 3, 4]);
    expect(isBusy(ready)).toBe(false);
  });

  test("an invalid plan keeps its problems and has no plan to run", () => {
    const s = reduce(
      initialAskState("q"),
      { type: "start", query: "q" },
      { type: "planned", result: sampleResult('1. send_sms(["x"])\n2. join()') },
    );
    expect(s.stage).toBe("invalid");
    expect(s.plan).toBeUndefined();
    expect(s.problems[0]!.message).toMatch(/send_sms takes 2 arguments/);
  });

  test("lookups resolve while the plan is shown; a result for old arguments is ignored", () => {
    let s = planned();
    s = reduce(s, lookup({ type: "started", taskId: 1, script: 'tell application "Contacts"' }, ["Sid"]));
    expect(s.tasks[1]).toMatchObject({ phase: "looking-up" });
    expect(isBusy(s)).toBe(true);
    s = reduce(s, lookup({ type: "succeeded", taskId: 1, result: "sid@example.com", elapsedMs: 3 }, ["Sid"]));
    expect(s.tasks[1]).toMatchObject({ phase: "succeeded", result: "sid@example.com", lookedUp: true });
    expect(knownResults(s)).toEqual(new Map([[1, "sid@example.com"]]));

    s = reduce(s, lookup({ type: "succeeded", taskId: 2, result: "+1 555", elapsedMs: 3 }, ["Somebody else"]));
    expect(s.tasks[2]!.phase).toBe("planned");
    s = reduce(s, lookup({ type: "failed", taskId: 2, error: "No contact named “Lutfi”.", elapsedMs: 3 }, ["Lutfi"]));
    expect(s.tasks[2]).toMatchObject({ phase: "failed", lookedUp: true });
    expect(knownResults(s).has(2)).toBe(false);
  });

  test("editing a task revalidates the plan and drops its looked-up result", () => {
    let s = reduce(planned(), lookup({ type: "succeeded", taskId: 1, result: "sid@example.com", elapsedMs: 1 }, ["Sid"]));
    s = reduce(s, { type: "edit", taskId: 1, args: ["Sidney"] });
    expect(s.steps[0]!.args).toEqual(["Sidney"]);
    expect(s.tasks[1]).toEqual({ phase: "planned" });
    expect(s.stage).toBe("ready");
    expect(s.edited).toBe(true);
    s = reduce(s, { type: "edit", taskId: 4, args: [["$9"], "late"] });
    expect(s.stage).toBe("invalid");
    expect(s.problems[0]!.message).toMatch(/Task 4 uses \$9/);
  });

  test("an edit its tool would refuse shows why at review; fixing it makes the plan ready again", () => {
    let s = reduce(planned(), { type: "edit", taskId: 4, args: [["Sid"], "late"] });
    expect(s.stage).toBe("invalid");
    expect(s.plan).toBeUndefined();
    expect(s.problems.map((p) => p.code)).toEqual(["refused"]);
    expect(s.problems[0]!.message).toMatch(/Task 4: Recipient “Sid” is not a phone number or email address/);
    s = reduce(s, { type: "edit", taskId: 4, args: [["+1 415 555 0100"], "late"] });
    expect(s.stage).toBe("ready");
  });

  test("removing a task and its dependents keeps the other ids; the rest still validates", () => {
    const s0 = planned();
    expect(dependentsOf(s0.steps, 2)).toEqual([4]);
    expect(dependentsOf(s0.steps, 3)).toEqual([]);
    const s = reduce(s0, { type: "remove", taskIds: [2, 4] });
    expect(visibleSteps(s).map((t) => t.id)).toEqual([1, 3]);
    expect(s.stage).toBe("ready");
    expect(s.plan!.tasks.at(-1)).toMatchObject({ tool: "join", dependencies: [1, 3] });
    expect(s.tasks[2]).toBeUndefined();
  });

  test("a run moves tasks queued → running → done/failed/skipped; reused lookups stay done; join gives the summary", () => {
    let s = reduce(planned(), lookup({ type: "succeeded", taskId: 1, result: "sid@example.com", elapsedMs: 1 }, ["Sid"]));
    s = reduce(s, { type: "run-started" });
    expect(s.stage).toBe("running");
    expect(s.tasks[1]).toMatchObject({ phase: "succeeded", lookedUp: true });
    expect(s.tasks[2]).toEqual({ phase: "queued" });
    const events: ExecutionEvent[] = [
      { type: "queued", taskId: 1 },
      { type: "queued", taskId: 2 },
      { type: "succeeded", taskId: 1, result: "sid@example.com", elapsedMs: 0, reused: true },
      { type: "started", taskId: 2, script: "script 2" },
    ];
    s = reduce(s, ...events.map((event) => ({ type: "executed" as const, event })));
    expect(s.tasks[1]).toMatchObject({ phase: "succeeded", lookedUp: true });
    expect(s.tasks[2]).toEqual({ phase: "running", script: "script 2" });
    expect(runProgress(s)).toEqual({ settled: 1, total: 4, failed: 0 });
    s = reduce(
      s,
      {
        type: "executed",
        event: { type: "failed", taskId: 2, error: "Allow Raycast to control Contacts", code: "not_authorized", elapsedMs: 2 },
      },
      { type: "executed", event: { type: "skipped", taskId: 4, reason: "task 2 failed" } },
      { type: "executed", event: { type: "succeeded", taskId: 3, result: "created", elapsedMs: 4 } },
      { type: "executed", event: { type: "succeeded", taskId: 5, result: "2 done, 1 failed, 1 skipped.", elapsedMs: 0 } },
      { type: "run-finished" },
    );
    expect(s.tasks[2]).toMatchObject({ phase: "failed", code: "not_authorized" });
    expect(s.tasks[4]).toMatchObject({ phase: "skipped", error: "Skipped: task 2 failed." });
    expect(s.summary).toBe("2 done, 1 failed, 1 skipped.");
    expect(s.stage).toBe("finished");
    expect(runProgress(s)).toEqual({ settled: 4, total: 4, failed: 1 });
  });

  test("a planning error is kept for the view to offer its fix", () => {
    const s = reduce(
      initialAskState("q"),
      { type: "start", query: "q" },
      { type: "failed", error: { message: "not downloaded", code: "model_not_downloaded" } },
    );
    expect(s).toMatchObject({ stage: "failed", error: { code: "model_not_downloaded" } });
    expect(isBusy(s)).toBe(false);
  });

  test("a new request's generation drops what an earlier one still reports: its run's tasks, its end, its lookups", () => {
    const run = reduce(planned(), { type: "run-started" }, { type: "executed", event: { type: "started", taskId: 3, script: "s" } });
    const old = (event: FlowEvent) => ({ ...event, generation: 1 });
    let s = askReducer(run, { type: "start", query: "something else", generation: 2 });
    s = askReducer(s, { type: "failed", error: { message: "not downloaded", code: "model_not_downloaded" }, generation: 2 });
    const before = s;
    s = [
      old({ type: "executed", event: { type: "succeeded", taskId: 3, result: "created", elapsedMs: 4 } }),
      old({ type: "executed", event: { type: "cancelled", taskId: 4 } }),
      old({ type: "run-finished" }),
      old(lookup({ type: "succeeded", taskId: 1, result: "sid@example.com", elapsedMs: 1 }, ["Sid"])),
      old({ type: "start", query: "q" }),
    ].reduce(askReducer, s);
    expect(s).toBe(before);
    expect(s).toMatchObject({ query: "something else", stage: "failed", generation: 2, steps: [], tasks: {} });
  });
});
