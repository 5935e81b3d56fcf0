import { normalizeRequest } from "../../src/agent/normalize";
import { nothingToDo } from "../../src/agent/nothingToDo";
import { runPipeline, type Planner, type ToolSelector, type ValueFinder } from "../../src/agent/pipeline";
import type { ToolName } from "../../src/core/tools/names";
import { timeSpans } from "../../src/core/values/timeSpans";

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

/** A stand-in for the planner model: always writes the same plan. */
const writes = (text: string): Planner => ({
  async *plan() {
    yield text;
  },
});

/** A stand-in for the classifier: offers these tools with these probabilities. */
const offers = (picks: [ToolName, number][], scored = true): ToolSelector => ({
  async select() {
    const selected = picks.map(([tool, probability]) => ({ tool, probability }));
    return scored ? { selected, scores: selected } : { selected };
  },
});

/** Names and the normalizer's times as values, as the tagger would find them. */
const values: ValueFinder = {
  async spans(text) {
    const sid = text.indexOf("Sid");
    return [...timeSpans(text), ...(sid < 0 ? [] : [{ type: "NAME" as const, start: sid, end: sid + 3 }])];
  },
};

const plan = (query: string, selector: ToolSelector, text = "1. join()") =>
  runPipeline(query, NOW, { normalize: normalizeRequest, values, selector, planner: writes(text) });

describe("why a plan does nothing", () => {
  test("a tool that needs a time, asked for without one: say when", async () => {
    const result = await plan("make a zoom meeting with Sid", offers([["get_zoom_meeting_link", 0.98]]));
    expect(nothingToDo(result)).toEqual({
      reason: "needs_time",
      message: expect.stringMatching(/^Zoom Meeting needs a date and time.*Say when/),
    });
  });

  test("with a time, or with an unlikely timed tool, it is out of scope", async () => {
    const timed = await plan("make a zoom meeting with Sid tomorrow at 2", offers([["get_zoom_meeting_link", 0.98]]));
    expect(nothingToDo(timed)?.reason).toBe("out_of_scope");
    const unlikely = await plan("play some jazz for Sid", offers([["create_calendar_event", 0.2]]));
    expect(nothingToDo(unlikely)?.reason).toBe("out_of_scope");
    // Every tool offered without probabilities (a given plan, no classifier) names no tool.
    const unscored = await plan("make a zoom meeting with Sid", offers([["get_zoom_meeting_link", 1]], false));
    expect(nothingToDo(unscored)?.reason).toBe("out_of_scope");
  });

  test("nothing is said about a plan that does something, or one that is not valid", async () => {
    const doing = await plan(
      "make a zoom meeting with Sid",
      offers([["get_email_address", 0.9]]),
      '1. get_email_address("NAME1")\n2. join()',
    );
    expect(nothingToDo(doing)).toBeUndefined();
    const invalid = await plan("make a zoom meeting with Sid", offers([["send_sms", 0.9]]), '1. send_sms(["NAME1"])\n2. join()');
    expect(invalid.validation.ok).toBe(false);
    expect(nothingToDo(invalid)).toBeUndefined();
  });
});
