import { normalizeRequest } from "../../src/agent/normalize";
import { runPipeline } from "../../src/agent/pipeline";
import { mergeRepeatedCalls } from "../../src/agent/plan/mergeRepeats";
import { renumberReferences } from "../../src/agent/plan/references";
import { serializePlan } from "../../src/agent/plan/serializePlan";
import { parseAndValidatePlan, validatePlan } from "../../src/agent/plan/validatePlan";
import type { Plan } from "../../src/agent/plan/plan";

function plan(text: string): Plan {
  const checked = parseAndValidatePlan(text);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.plan;
}

/** The plan written as these lines, merged. */
const merge = (...lines: string[]) => mergeRepeatedCalls(plan(lines.join("\n")));

describe("mergeRepeatedCalls", () => {
  test("a lookup written twice is made once, and what used the repeat uses the first", () => {
    const { plan: merged, merged: count } = merge(
      '1. get_email_address("Sid")',
      '2. get_zoom_meeting_link("Sync", "2026-11-23 14:00:00", 60, ["$1"])',
      '3. get_email_address("Sid")',
      '4. compose_new_email(["$3"], [], "Sync", "Join here: ${2}", [])',
      "5. join()",
    );
    expect(count).toBe(1);
    expect(serializePlan(merged.tasks)).toBe(
      [
        '1. get_email_address("Sid")',
        '2. get_zoom_meeting_link("Sync", "2026-11-23 14:00:00", 60, ["$1"])',
        '3. compose_new_email(["$1"], [], "Sync", "Join here: ${2}", [])',
        "4. join()",
      ].join("\n"),
    );
    expect(merged.tasks.map((t) => t.dependencies)).toEqual([[], [1], [1, 2], [1, 2, 3]]);
    // The merged plan is a valid plan, read back from its own text the same way.
    const reread = parseAndValidatePlan(serializePlan(merged.tasks));
    expect(reread.ok && reread.plan.tasks.map((t) => [t.id, t.tool, t.args, t.dependencies])).toEqual(
      merged.tasks.map((t) => [t.id, t.tool, t.args, t.dependencies]),
    );
  });

  test("repeats are found through references: the same message to the same looked-up person is sent once", () => {
    const { plan: merged, merged: count } = merge(
      '1. get_phone_number("Sid")',
      '2. get_phone_number("Sid")',
      '3. send_sms(["$1"], "On my way")',
      '4. send_sms(["$2"], "On my way")',
      "5. join()",
    );
    expect(count).toBe(2);
    expect(serializePlan(merged.tasks)).toBe(['1. get_phone_number("Sid")', '2. send_sms(["$1"], "On my way")', "3. join()"].join("\n"));
  });

  test("calls that differ in any argument, or in the task they use, all stay", () => {
    const text = [
      '1. get_phone_number("Sid")',
      '2. get_phone_number("Lutfi")',
      '3. send_sms(["$1"], "On my way")',
      '4. send_sms(["$2"], "On my way")',
      '5. send_sms(["$1"], "On my way!")',
      "6. join()",
    ].join("\n");
    const original = plan(text);
    const { plan: merged, merged: count } = mergeRepeatedCalls(original);
    expect(count).toBe(0);
    expect(merged).toBe(original);
  });

  test("a list naming one result twice names it once, though no call was merged", () => {
    const {
      plan: merged,
      merged: count,
      changed,
    } = merge('1. get_phone_number("Sid")', '2. send_sms(["$1", "${1}"], "late")', "3. join()");
    expect([count, changed]).toEqual([0, true]);
    expect(serializePlan(merged.tasks)).toBe(['1. get_phone_number("Sid")', '2. send_sms(["$1"], "late")', "3. join()"].join("\n"));
  });

  test("a plan of join() alone is left as it is", () => {
    const original = plan("1. join()");
    expect(mergeRepeatedCalls(original)).toEqual({ plan: original, merged: 0, changed: false });
  });

  test("every validated plan stays valid after merging", () => {
    const steps = [
      { id: 1, tool: "get_email_address", args: ["Ana"] },
      { id: 2, tool: "get_email_address", args: ["Ana"] },
      { id: 3, tool: "get_email_address", args: ["Ana"] },
      { id: 4, tool: "compose_new_email", args: [["$3", "$2", "$1"], [], "", "${3} ${1}", []] },
      { id: 5, tool: "join", args: [] },
    ];
    const checked = validatePlan(steps);
    if (!checked.ok) throw new Error("invalid");
    const { plan: merged } = mergeRepeatedCalls(checked.plan);
    // The three lookups were one: the recipients name that one result once.
    expect(merged.tasks.map((t) => t.args)).toEqual([["Ana"], [["$1"], [], "", "${1} ${1}", []], []]);
    expect(validatePlan(merged.tasks).ok).toBe(true);
  });
});

describe("renumberReferences", () => {
  test("whole and embedded references, in lists at any depth; amounts stay text", () => {
    const to = (id: number) => id + 10;
    expect(renumberReferences("$2", to)).toBe("$12");
    expect(renumberReferences(" ${2} ", to)).toBe(" ${12} ");
    expect(renumberReferences("Notes: ${1} and ${3}", to)).toBe("Notes: ${11} and ${13}");
    expect(renumberReferences("lend me $5 for ${1}", to)).toBe("lend me $5 for ${11}");
    expect(renumberReferences([["$1"], "x", 3], to)).toEqual([["$11"], "x", 3]);
  });
});

describe("the pipeline merges repeated calls before anyone sees the plan", () => {
  test("the plan text and the validated plan are the merged ones", async () => {
    const written = ['1. get_phone_number("Sid")', '2. get_phone_number("Sid")', '3. send_sms(["$2"], "late")', "4. join()"].join("\n");
    const result = await runPipeline(
      "text Sid late",
      { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 },
      {
        normalize: normalizeRequest,
        selector: {
          select: async () => ({
            selected: [
              { tool: "get_phone_number", probability: 1 },
              { tool: "send_sms", probability: 1 },
            ],
          }),
        },
        planner: {
          async *plan() {
            yield written;
          },
        },
      },
    );
    expect(result.planText).toBe(['1. get_phone_number("Sid")', '2. send_sms(["$1"], "late")', "3. join()"].join("\n"));
    expect(result.validation.ok && result.validation.plan.tasks.map((t) => t.tool)).toEqual(["get_phone_number", "send_sms", "join"]);
  });
});
