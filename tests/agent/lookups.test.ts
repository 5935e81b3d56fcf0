import { executePlan, type ExecutionEvent } from "../../src/agent/executor";
import { isLookup, lookupTasks, resolveLookups } from "../../src/agent/lookups";
import type { Plan } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { recordingTools } from "../support/recordingTools";

function plan(text: string): Plan {
  const r = parseAndValidatePlan(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.plan;
}

const PLAN = plan(
  [
    '1. get_email_address("Sid")',
    '2. get_phone_number("Lutfi")',
    '3. open_and_get_file_path("report")',
    '4. send_sms(["$2"], "running late")',
    '5. compose_new_email(["$1"], [], "Report", "", ["$3"])',
    "6. join()",
  ].join("\n"),
);

describe("lookups", () => {
  test("only Contacts reads that depend on nothing are lookups", () => {
    expect(lookupTasks(PLAN).map((t) => t.id)).toEqual([1, 2]);
    expect(isLookup(PLAN.tasks[2]!)).toBe(false); // opens a file: waits for the confirmation
    expect(isLookup(PLAN.tasks[5]!)).toBe(false);
  });

  test("resolves lookups; the plan then runs each task exactly once", async () => {
    const results: Record<string, string> = { Sid: "sid@example.com", Lutfi: "+1 555 0100" };
    const { tools, calls } = recordingTools({ result: (tool, args) => results[args.name as string] ?? `${tool} done` });
    const seen: ExecutionEvent[] = [];
    const precomputed = await resolveLookups(PLAN, { tools, onEvent: (e) => seen.push(e) });
    expect([...precomputed]).toEqual([
      [1, { result: "sid@example.com" }],
      [2, { result: "+1 555 0100" }],
    ]);
    expect(seen.filter((e) => e.type === "succeeded").map((e) => e.taskId)).toEqual(expect.arrayContaining([1, 2]));
    expect(seen.every((e) => e.taskId === 1 || e.taskId === 2)).toBe(true);

    for await (const _ of executePlan(PLAN, { tools, precomputed }));
    expect(calls.map((c) => c.taskId).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(calls.find((c) => c.taskId === 4)!.args).toMatchObject({ recipients: ["+1 555 0100"] });
  });

  test("a failed lookup is reported and left out, so it runs again with the plan", async () => {
    const { tools } = recordingTools({ fail: { get_phone_number: "No contact named “Lutfi” in Contacts." } });
    const seen: ExecutionEvent[] = [];
    const precomputed = await resolveLookups(PLAN, { tools, onEvent: (e) => seen.push(e) });
    expect([...precomputed.keys()]).toEqual([1]);
    expect(seen.find((e) => e.type === "failed")).toMatchObject({ taskId: 2, error: expect.stringContaining("Lutfi") });
  });

  test("a plan without lookups runs nothing", async () => {
    const { tools, calls } = recordingTools({});
    expect((await resolveLookups(plan('1. create_note("x", "", "")\n2. join()'), { tools })).size).toBe(0);
    expect(calls).toHaveLength(0);
  });
});
