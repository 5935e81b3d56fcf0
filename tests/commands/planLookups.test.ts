import type { Plan } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { PlanLookups, type LookedUp } from "../../src/commands/ask/planLookups";
import { SAMPLE_PLAN } from "./samplePlan";

const plan = (text = SAMPLE_PLAN): Plan => {
  const v = parseAndValidatePlan(text);
  if (!v.ok) throw new Error("invalid test plan");
  return v.plan;
};
const found = (taskId: number, name: string, result: string): LookedUp => ({ taskId, args: [name], output: { result } });

describe("PlanLookups", () => {
  test("busy until every lookup settles, also those started while waiting; a failed one counts as settled", async () => {
    const lookups = new PlanLookups();
    expect(lookups.busy).toBe(false);
    let finishFirst!: (v: LookedUp[]) => void;
    void lookups.track(new Promise((resolve) => (finishFirst = resolve)));
    expect(lookups.busy).toBe(true);
    let settled = false;
    const waiting = lookups.settled().then(() => (settled = true));
    let failSecond!: (e: Error) => void;
    lookups.track(new Promise((_, reject) => (failSecond = reject))).catch(() => undefined);
    finishFirst([found(1, "Sid", "sid@example.com")]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    failSecond(new Error("Contacts is not allowed"));
    await waiting;
    expect(lookups.busy).toBe(false);
    expect(lookups.reusable(plan())).toEqual(new Map([[1, { result: "sid@example.com" }]]));
  });

  test("reuses a result only for a task that still has the arguments it was looked up with", async () => {
    const lookups = new PlanLookups();
    await lookups.track(Promise.resolve([found(1, "Sid", "sid@example.com"), found(2, "Lutfi", "+1 555")]));
    await lookups.track(Promise.resolve([found(1, "Sidney", "sidney@example.com")]));
    expect(lookups.reusable(plan())).toEqual(
      new Map([
        [1, { result: "sid@example.com" }],
        [2, { result: "+1 555" }],
      ]),
    );
    const edited = plan(SAMPLE_PLAN.replace('get_email_address("Sid")', 'get_email_address("Sidney")'));
    expect(lookups.reusable(edited).get(1)).toEqual({ result: "sidney@example.com" });
    const renamed = plan(SAMPLE_PLAN.replace('get_email_address("Sid")', 'get_email_address("Sam")'));
    expect(lookups.reusable(renamed).has(1)).toBe(false);
    const without2 = plan(
      '1. get_email_address("Sid")\n3. create_calendar_event("Sync", "2026-11-23 14:00:00", "", "", ["$1"], "", "")\n5. join()',
    );
    expect([...lookups.reusable(without2).keys()]).toEqual([1]);
  });
});
