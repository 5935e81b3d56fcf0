import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { runSession, type HistoryEntry, type RunSessionOptions } from "../../src/agent/runSession";
import { recordingTools } from "../support/recordingTools";

const planOf = (text: string) => {
  const r = parseAndValidatePlan(text);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.plan;
};
const SENDS = planOf('1. get_phone_number("Sid")\n2. send_sms(["$1"], "running late")\n3. join()');
const READS = planOf('1. get_phone_number("Sid")\n2. join()');

function session(overrides: Partial<RunSessionOptions> = {}) {
  const { tools, calls } = recordingTools({ result: (tool) => (tool === "get_phone_number" ? "+1 555 0100" : "sent") });
  const asked: number[] = [];
  const recorded: HistoryEntry[] = [];
  const options: RunSessionOptions = {
    tools,
    policy: "sideEffects",
    confirm: async (plan) => {
      asked.push(plan.tasks.length);
      return true;
    },
    record: async (entry) => {
      recorded.push(entry);
    },
    ...overrides,
  };
  return { options, calls, asked, recorded };
}

describe("runSession: confirm → execute → summary → record, for the CLI and Raycast alike", () => {
  test("a plan that sends something asks first; once confirmed it runs each task once and is recorded once", async () => {
    const s = session();
    const result = await runSession("text Sid running late", SENDS, s.options);
    expect(s.asked).toEqual([3]);
    expect(s.calls.map((c) => c.tool)).toEqual(["get_phone_number", "send_sms"]);
    expect(result).toMatchObject({ ran: true, unfinished: 0, entry: { query: "text Sid running late", outcome: "done", tasks: 2 } });
    expect(s.recorded).toHaveLength(1);
    expect(s.recorded[0]!.planText).toContain('send_sms(["$1"], "running late")');
  });

  test("not confirmed: nothing runs and nothing is recorded", async () => {
    const s = session({ confirm: async () => false });
    expect(await runSession("text Sid running late", SENDS, s.options)).toEqual({ ran: false });
    expect(s.calls).toEqual([]);
    expect(s.recorded).toEqual([]);
  });

  test("the policy decides whether to ask: reads alone do not ask under sideEffects; everything asks; never does not", async () => {
    for (const [policy, plan, asks] of [
      ["sideEffects", READS, false],
      ["everything", READS, true],
      ["never", SENDS, false],
    ] as const) {
      const s = session({ policy });
      await runSession("q", plan, s.options);
      expect({ policy, asked: s.asked.length > 0 }).toEqual({ policy, asked: asks });
    }
  });

  test("starting can still stop the run after the confirmation (a new request came meanwhile)", async () => {
    const s = session({ starting: async () => false });
    expect(await runSession("q", SENDS, s.options)).toEqual({ ran: false });
    expect(s.calls).toEqual([]);
  });

  test("a failed task is counted, and a History that cannot be written does not fail the run", async () => {
    const { tools } = recordingTools({ fail: { send_sms: "Messages is not signed in" }, result: () => "+1 555 0100" });
    const result = await runSession("q", SENDS, {
      tools,
      policy: "never",
      confirm: async () => true,
      record: async () => {
        throw new Error("disk full");
      },
    });
    expect(result).toMatchObject({ ran: true, unfinished: 1, entry: { outcome: "failed" } });
  });
});
