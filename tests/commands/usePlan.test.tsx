import { act } from "react-test-renderer";
import { usePlan, type PlanControls } from "../../src/commands/hooks/usePlan";
import { recordingTools } from "../support/recordingTools";
import { cleanup, render } from "../support/render";
import { testServices, type TestServices } from "../support/testServices";

afterEach(() => cleanup());

/** usePlan in a component that draws nothing: the test drives its controls and reads its state. */
async function planShowing(services: TestServices, planText: string) {
  const hook: { controls?: PlanControls } = {};
  function Probe() {
    hook.controls = usePlan("note", services, { planText });
    return null;
  }
  const r = await render(<Probe />);
  const controls = () => hook.controls!;
  await r.until(() => controls().state.stage === "ready", "the plan");
  return { r, controls };
}

describe("usePlan", () => {
  test("a new request stops the running plan, and what the old run still reports never reaches the new one", async () => {
    const { tools, calls } = recordingTools({ delays: { create_note: 300 } });
    const services = testServices({
      tools: { tools, calls },
      preferences: { confirmation: "never", plannerModel: "tinyagent-1.1b-q4_k_m" },
    });
    const { r, controls } = await planShowing(
      services,
      '1. create_note("Ideas", "", "")\n2. append_note_content("Ideas", "$1", "")\n3. join()',
    );
    const run = controls().run();
    await r.until(() => controls().state.tasks[1]?.phase === "running", "the run");
    await act(async () => controls().replan("Text Sid that I'm late"));
    // The new request fails here (TinyAgent 1.1B, chosen in the preferences, is not downloaded in this test's model folder).
    await r.until(() => controls().state.stage === "failed", "the new request");
    let outcome: Awaited<typeof run>;
    await act(async () => {
      outcome = await run;
    });
    expect(controls().state).toMatchObject({ query: "Text Sid that I'm late", stage: "failed", steps: [], tasks: {} });
    expect(calls.map((c) => c.tool)).toEqual(["create_note"]);
    expect(calls[0]!.aborted).toBe(true);
    expect(outcome!.superseded).toBe(true);
    expect(outcome!.entry.outcome).not.toBe("done");
  });
});
