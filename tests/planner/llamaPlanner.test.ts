import { runPipeline, type PipelineEvent } from "../../src/agent/pipeline";
import { normalizeRequest } from "../../src/agent/normalize";
import { AllToolsSelector } from "../../src/agent/allToolsSelector";
import { LlamaPlanner } from "../../src/agent/planner/llamaPlanner";
import { disposeLoadedModels } from "../../src/agent/planner/llamaRuntime";
import { ALPACA_TEMPLATE, renderChatTemplate } from "../../src/agent/prompt/chatTemplate";
import { compactPrompt } from "../../src/agent/prompt/compactPrompt";
import { ExampleBank } from "../../src/agent/prompt/exampleBank";
import { tinyagentPrompt } from "../../src/agent/prompt/tinyagentPrompt";
import { tinyModel } from "../support/tinyModel";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";

const NOW = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
const grammar = { copyNames: true, thoughts: false, endOfPlan: true, maxTasks: 3, maxStringLength: 8, maxListItems: 2 };

afterAll(() => disposeLoadedModels());

/** The tiny random model in the compact format, no grammar: what the generation-limit tests need. */
const compactPlanner = (options: Partial<ConstructorParameters<typeof LlamaPlanner>[0]>) =>
  new LlamaPlanner({
    modelPath: tinyModel().path,
    engines: ENGINE_MODULES,
    format: compactPrompt,
    chatTemplate: { kind: "none" },
    contextSize: 2048,
    threads: 1,
    grammar: false,
    ...options,
  });

describe("LlamaPlanner (node-llama-cpp, random-weight model)", () => {
  test("streams a valid plan through the pipeline; tasks arrive while the model is still writing", async () => {
    const planner = new LlamaPlanner({
      modelPath: tinyModel().path,
      engines: ENGINE_MODULES,
      format: compactPrompt,
      chatTemplate: { kind: "none" },
      contextSize: 2048,
      threads: 1,
      grammar,
      temperature: 1,
      seed: 3,
    });
    const order: string[] = [];
    const stages = {
      normalize: normalizeRequest,
      selector: new AllToolsSelector(["get_phone_number", "send_sms", "create_note"]),
      planner: {
        plan: (req: Parameters<LlamaPlanner["plan"]>[0]) =>
          (async function* () {
            for await (const chunk of planner.plan(req)) {
              order.push("chunk");
              yield chunk;
            }
          })(),
      },
    };
    const events: PipelineEvent[] = [];
    const result = await runPipeline("Text Sid that I'm late", NOW, stages, {
      onEvent: (e) => (events.push(e), e.type === "step" && order.push("task")),
    });
    // The grammar guarantees the plan language; a random model may still write what a tool would refuse.
    const problems = result.validation.ok ? [] : result.validation.problems;
    expect(problems.filter((p) => p.code !== "refused")).toEqual([]);
    expect(order.filter((o) => o === "task").length).toBeGreaterThanOrEqual(1);
    expect(order.indexOf("task")).toBeLessThan(order.lastIndexOf("chunk"));
    expect(result.timingsMs.firstToken).toBeGreaterThan(0);
  });

  test("the fixed prompt prefix is evaluated once and reused by the next request", async () => {
    const planner = new LlamaPlanner({
      modelPath: tinyModel().path,
      engines: ENGINE_MODULES,
      format: tinyagentPrompt,
      chatTemplate: ALPACA_TEMPLATE,
      contextSize: 4096,
      threads: 1,
      grammar,
      maxTokens: 400,
    });
    const loaded = await planner.load();
    const used = () => loaded.sequence.tokenMeter.usedInputTokens;
    const request = (query: string) => ({ query, now: NOW, tools: ["get_phone_number", "send_sms"] as const });
    const drain = async (q: string) => {
      for await (const _ of planner.plan({ ...request(q), tools: [...request(q).tools] })) void _;
    };
    const before = used();
    await drain("Text Sid that I'm late");
    const first = used() - before;
    await drain("Text Ann that I'm early");
    const second = used() - before - first;
    const promptTokens = loaded.model.tokenize(
      planner.buildPrompt({ ...request("x"), tools: ["get_phone_number", "send_sms"] }).system,
    ).length;
    expect(first).toBeGreaterThan(promptTokens);
    expect(second).toBeLessThan(first / 4);
  });

  test("examples are dropped until the prompt fits the context; a prompt that cannot fit is an error", async () => {
    const bank = new ExampleBank(
      Array.from({ length: 8 }, (_, i) => ({
        query: `Text Sid number ${i} that I'm late`,
        plan: `1. get_phone_number("Sid")\n2. send_sms(["$1"], "late ${i}")\n3. join()`,
      })),
    );
    const base = {
      modelPath: tinyModel().path,
      engines: ENGINE_MODULES,
      format: tinyagentPrompt,
      chatTemplate: ALPACA_TEMPLATE,
      threads: 1,
      grammar,
      maxTokens: 100,
      examples: bank,
    };
    const request = { query: "Text Sid that I'm late", now: NOW, tools: ["get_phone_number" as const, "send_sms" as const] };
    const probe = new LlamaPlanner({ ...base, contextSize: 8192 });
    const model = (await probe.load()).model;
    const tokens = (examples?: number) => model.tokenize(renderChatTemplate(ALPACA_TEMPLATE, probe.buildPrompt(request, examples))).length;
    const without = tokens(0);
    expect(tokens()).toBeGreaterThan(without + 50);
    // Room for the prompt without examples, not with all of them: planning still works.
    const fitting = new LlamaPlanner({ ...base, contextSize: without + 100 + 1 });
    let text = "";
    for await (const chunk of fitting.plan(request)) text += chunk;
    expect(text).toMatch(/^1\. /);
    const cramped = new LlamaPlanner({ ...base, contextSize: without });
    const drain = async () => {
      for await (const _ of cramped.plan(request)) void _;
    };
    await expect(drain()).rejects.toThrow(/needs a \d+-token prompt, more than this model's context/);
  });

  test("an abort stops generation: the stream ends early, nothing is thrown", async () => {
    const planner = compactPlanner({ maxTokens: 1900 });
    const controller = new AbortController();
    let chunks = 0;
    for await (const _ of planner.plan({ query: "x", now: NOW, tools: ["create_note"], signal: controller.signal })) {
      void _;
      if (++chunks === 5) controller.abort();
    }
    expect(chunks).toBeLessThan(50);
  });

  test("a plan that does not fit in maxTokens is an error that says so", async () => {
    const planner = compactPlanner({ maxTokens: 5 });
    const drain = async () => {
      for await (const _ of planner.plan({ query: "x", now: NOW, tools: ["create_note"] })) void _;
    };
    await expect(drain()).rejects.toThrow(/did not finish the plan within 5 tokens/);
  });

  test("the GGUF's own chat template can be used", async () => {
    const modelPath = tinyModel({ chatTemplate: "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}<assistant>" }).path;
    const planner = new LlamaPlanner({
      modelPath,
      engines: ENGINE_MODULES,
      format: compactPrompt,
      chatTemplate: { kind: "gguf" },
      contextSize: 2048,
      threads: 1,
      grammar,
      temperature: 1,
      seed: 1,
    });
    let text = "";
    for await (const chunk of planner.plan({ query: "note buy milk", now: NOW, tools: ["create_note"] })) text += chunk;
    expect(text).toMatch(/^1\. /);
  });
});
