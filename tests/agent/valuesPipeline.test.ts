import { normalizeRequest } from "../../src/agent/normalize";
import { AllToolsSelector } from "../../src/agent/allToolsSelector";
import { MAX_REQUEST_CHARS, runPipeline, type Planner, type PlanRequest, type ValueFinder } from "../../src/agent/pipeline";
import type { ToolName } from "../../src/core/tools/names";
import { timeSpans } from "../../src/core/values/timeSpans";
import type { ValueSpan } from "../../src/core/values/valueTypes";

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };

/** A stand-in for the GGUF model: writes a fixed plan over placeholders, in small chunks, and records what it was asked. */
class ScriptedModel implements Planner {
  requests: PlanRequest[] = [];
  constructor(private readonly text: string) {}
  async *plan(request: PlanRequest): AsyncIterable<string> {
    this.requests.push(request);
    for (let i = 0; i < this.text.length; i += 7) yield this.text.slice(i, i + 7);
  }
}

/** Finds values by exact strings (the real tagger is tested with its model in tests/classifier). */
const finderOf = (values: [string, ValueSpan["type"]][]): ValueFinder => ({
  async read(text) {
    const spans = values.flatMap(([value, type]) => {
      const start = text.indexOf(value);
      return start < 0 ? [] : [{ type, start, end: start + value.length }];
    });
    return { spans };
  },
});

/** The pipeline's stages with a values stage, a fixed tool offer and the given planner. */
const stagesOf = (values: ValueFinder, tools: readonly ToolName[], planner: Planner) => ({
  normalize: normalizeRequest,
  values,
  selector: new AllToolsSelector(tools),
  planner,
});

describe("the pipeline with a values stage (a planner over placeholders)", () => {
  test("the model sees placeholders, the plan gets the user's values back, escaped", async () => {
    const model = new ScriptedModel('1. get_phone_number("NAME1")\n2. send_sms(["$1"], "TEXT1")\n3. join()');
    const values = finderOf([
      ["Zoë", "NAME"],
      ['the "big" one\\ is here', "TEXT"],
    ]);
    const stages = stagesOf(values, ["get_phone_number", "send_sms"], model);
    const events: string[] = [];
    const result = await runPipeline('text Zoë that the "big" one\\ is here', NOW, stages, {
      onEvent: (e) => e.type === "delexicalized" && events.push(e.delexicalized.text),
    });
    expect(model.requests[0]!.query).toBe("text NAME1 that TEXT1");
    expect(events).toEqual(["text NAME1 that TEXT1"]);
    expect(result.delexicalized?.slots.map((s) => s.value)).toEqual(["Zoë", 'the "big" one\\ is here']);
    expect(result.planText).toBe('1. get_phone_number("Zoë")\n2. send_sms(["$1"], "the \\"big\\" one\\\\ is here")\n3. join()');
    expect(result.validation.ok).toBe(true);
  });

  test("times become TIME placeholders and come back as the normalizer wrote them", async () => {
    const model = new ScriptedModel('1. create_reminder("TITLE1", "TIME1", "", "", 0, False)\n2. join()');
    const values: ValueFinder = {
      async read(text) {
        const start = text.indexOf("water the plants");
        return { spans: [...timeSpans(text), { type: "TITLE" as const, start, end: start + 16 }] };
      },
    };
    const stages = stagesOf(values, ["create_reminder"], model);
    const result = await runPipeline("remind me to water the plants tomorrow at 9", NOW, stages);
    expect(model.requests[0]!.query).toBe("remind me to TITLE1 TIME1 (ends TIME2, 60 min)");
    expect(result.planText).toContain('create_reminder("water the plants", "2026-11-23 09:00:00"');
    expect(result.validation.ok).toBe(true);
  });

  test("a time inside dictated text comes back as the user typed it, not as the normalizer resolved it", async () => {
    const model = new ScriptedModel('1. get_phone_number("NAME1")\n2. send_sms(["$1"], "TEXT1")\n3. join()');
    // The tagger's message span may stop inside the rewritten time: it is widened to all of it.
    const values: ValueFinder = {
      async read(text) {
        const start = text.indexOf("dinner");
        const spans = [
          { type: "NAME" as const, start: 5, end: 14 },
          ...timeSpans(text),
          { type: "TEXT" as const, start, end: text.indexOf(" (ends") },
        ];
        return { spans };
      },
    };
    const stages = stagesOf(values, ["get_phone_number", "send_sms"], model);
    const result = await runPipeline("text Valentina that dinner is at 8 tomorrow, my treat", NOW, stages);
    expect(model.requests[0]!.query).toBe("text NAME1 that TEXT1, my treat");
    expect(result.planText).toContain('send_sms(["$1"], "dinner is at 8 tomorrow")');
  });

  test("a line that does not parse is passed on as written, so validation reports it", async () => {
    const planner = new ScriptedModel("1. send_sms([NAME1\n2. join()");
    const stages = stagesOf(finderOf([]), ["send_sms"], planner);
    const result = await runPipeline("text Sid", NOW, stages);
    expect(result.planText).toBe("1. send_sms([NAME1\n2. join()");
    expect(result.validation.ok).toBe(false);
  });
});

describe("request length", () => {
  test("a request longer than MAX_REQUEST_CHARS is refused before any stage runs, with what to do", async () => {
    const model = new ScriptedModel("1. join()");
    const stages = stagesOf(finderOf([]), ["send_sms"], model);
    await expect(runPipeline("a".repeat(MAX_REQUEST_CHARS + 1), NOW, stages)).rejects.toThrow(
      /characters long.*Shorten it or split it in two/,
    );
    expect(model.requests).toHaveLength(0);
  });
});
