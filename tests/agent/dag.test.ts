import { dependentsOf, parallelLevels, topologicalOrder } from "../../src/agent/plan/dag";
import type { Plan } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";

function plan(text: string): Plan {
  const r = parseAndValidatePlan(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.plan;
}

const ZOOM = plan(
  [
    '1. get_email_address("Sid")',
    '2. get_email_address("Lutfi")',
    '3. get_zoom_meeting_link("Sync", "2026-11-23 14:00:00", 60, ["$1", "$2"])',
    '4. create_calendar_event("Sync", "2026-11-23 14:00:00", "", "", ["$1", "$2"], "$3", "")',
    '5. get_phone_number("Sid")',
    '6. send_sms(["$5"], "Zoom: ${3}")',
    "7. join()",
  ].join("\n"),
);

describe("plan DAG", () => {
  test("levels group what can run together", () => {
    expect(parallelLevels(ZOOM).map((l) => l.map((t) => t.id))).toEqual([[1, 2, 5], [3], [4, 6], [7]]);
  });

  test("topological order puts every task after its dependencies", () => {
    const order = topologicalOrder(ZOOM).map((t) => t.id);
    for (const t of ZOOM.tasks) for (const d of t.dependencies) expect(order.indexOf(d)).toBeLessThan(order.indexOf(t.id));
  });

  test("dependents are found through chains", () => {
    expect(dependentsOf(ZOOM.tasks, 1)).toEqual([3, 4, 6]);
    expect(dependentsOf(ZOOM.tasks, 5)).toEqual([6]);
  });

  test("a cycle (only possible in hand-built plans) is refused", () => {
    expect(() =>
      topologicalOrder({
        tasks: [
          { id: 1, tool: "summarize_pdf", args: ["$2"], dependencies: [2] },
          { id: 2, tool: "summarize_pdf", args: ["$1"], dependencies: [1] },
        ],
      }),
    ).toThrow(/cycle/);
  });
});
