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
  async read(text) {
    const sid = text.indexOf("Sid");
    return { spans: [...timeSpans(text), ...(sid < 0 ? [] : [{ type: "NAME" as const, start: sid, end: sid + 3 }])] };
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

  test("a tool that can only copy a name, a file or a note, asked for without any: say which", async () => {
    const note = await plan("open my notes", offers([["open_note", 0.99]]));
    expect(nothingToDo(note)).toEqual({
      reason: "needs_value",
      message: expect.stringMatching(/^Open Note needs to know which note, .*“open my Groceries note”/),
    });
    const number = await plan("what's the number", offers([["get_phone_number", 0.8]]));
    expect(nothingToDo(number)?.message).toMatch(/needs to know who/);
    // With a value in the request the planner could have used it: its join() is its answer.
    const named = await plan("what's Sid's number", offers([["get_phone_number", 0.8]]));
    expect(nothingToDo(named)?.reason).toBe("out_of_scope");
    // A likely tool that needs no such value says nothing about one.
    const texting = await plan("text them I'm late", offers([["send_sms", 0.9]]));
    expect(nothingToDo(texting)?.reason).toBe("out_of_scope");
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
