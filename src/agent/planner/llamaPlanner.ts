import type { EngineModules } from "../../core/engineModules";
import { AgentError } from "../../core/errors";
import { END_OF_PLAN } from "../plan/planParser";
import type { Planner, PlanRequest } from "../pipeline";
import { renderChatTemplate, type ChatTemplate } from "../prompt/chatTemplate";
import type { ExampleBank } from "../prompt/exampleBank";
import type { BuiltPrompt, PromptFormat } from "../prompt/promptFormat";
import { AsyncQueue } from "../../core/util/asyncQueue";
import { loadPlannerModel, type LoadedModel } from "./llamaRuntime";
import { placeholdersIn } from "../values/delexicalize";
import { buildPlanGrammar, type PlanGrammarOptions } from "./planGrammar";

export interface GrammarSettings {
  /** Restrict contact, file and note names to spans of the request. */
  copyNames: boolean;
  /** The request is delexicalized: strings are its placeholders, references and fixed pieces only. */
  placeholders?: boolean;
  thoughts: boolean;
  endOfPlan: boolean;
  maxTasks?: number;
  maxStringLength?: number;
  maxListItems?: number;
}

export interface LlamaPlannerSettings {
  modelPath: string;
  /** The engine that runs the model, as the wiring hands it down. */
  engines: EngineModules;
  format: PromptFormat;
  chatTemplate: ChatTemplate;
  contextSize: number;
  threads?: number;
  gpuLayers?: number | "auto" | "max";
  /** false: unconstrained generation (for comparison). */
  grammar: GrammarSettings | false;
  examples?: ExampleBank;
  customInstructions?: string;
  /** Most tokens one plan may take (default 512). */
  maxTokens?: number;
  /** 0 (default) is greedy. */
  temperature?: number;
  seed?: number;
}

/** In-context examples per prompt at most (TinyAgent's ToolRAG used 6). */
const MAX_EXAMPLES = 6;

type Completion = InstanceType<LoadedModel["lib"]["LlamaCompletion"]>;
const completions = new WeakMap<LoadedModel, Completion>();

/**
 * A planner running a GGUF model in-process with node-llama-cpp. Requests share one context
 * sequence, so the fixed part of the prompt (tool descriptions) is evaluated once and reused;
 * requests run one at a time. Output streams as text chunks; generation stops at `<END_OF_PLAN>`
 * or when the grammar is complete.
 */
export class LlamaPlanner implements Planner {
  private busy: Promise<void> = Promise.resolve();

  constructor(readonly settings: LlamaPlannerSettings) {}

  /** The prompt for a request, before the chat template, with at most `examples` in-context examples. */
  buildPrompt(request: Pick<PlanRequest, "query" | "now" | "tools">, examples = MAX_EXAMPLES): BuiltPrompt {
    const chosen = examples > 0 ? this.settings.examples?.select(request.query, request.tools, examples) : undefined;
    return this.settings.format.build({ ...request, examples: chosen, customInstructions: this.settings.customInstructions });
  }

  /** The grammar text for a request, or undefined when generation is unconstrained. */
  grammarFor(request: Pick<PlanRequest, "query" | "tools">): string | undefined {
    const g = this.settings.grammar;
    if (!g) return undefined;
    const options: PlanGrammarOptions = {
      tools: request.tools,
      thoughts: g.thoughts,
      endOfPlan: g.endOfPlan,
      maxTasks: g.maxTasks,
      maxStringLength: g.maxStringLength,
      maxListItems: g.maxListItems,
      ...(g.copyNames ? { copyFrom: request.query } : {}),
      ...(g.placeholders ? { placeholders: placeholdersIn(request.query) } : {}),
    };
    return buildPlanGrammar(options);
  }

  async load(): Promise<LoadedModel> {
    return loadPlannerModel({
      modelPath: this.settings.modelPath,
      engines: this.settings.engines,
      contextSize: this.settings.contextSize,
      threads: this.settings.threads,
      gpuLayers: this.settings.gpuLayers,
    });
  }

  plan(request: PlanRequest): AsyncIterable<string> {
    const queue = new AsyncQueue<string>();
    const run = this.busy.then(() => this.generate(request, queue));
    this.busy = run.catch(() => {});
    run.then(
      () => queue.close(),
      (error) => queue.fail(error),
    );
    return queue;
  }

  private async generate(request: PlanRequest, queue: AsyncQueue<string>): Promise<void> {
    const loaded = await this.load();
    let completion = completions.get(loaded);
    if (!completion) {
      completion = new loaded.lib.LlamaCompletion({ contextSequence: loaded.sequence });
      completions.set(loaded, completion);
    }
    const maxTokens = this.settings.maxTokens ?? 512;
    const input = this.fittingInput(loaded, request, maxTokens);
    const grammarText = this.grammarFor(request);
    const grammar = grammarText !== undefined ? await loaded.llama.createGrammar({ grammar: grammarText }) : undefined;
    const result = await completion.generateCompletionWithMeta(input, {
      maxTokens,
      temperature: this.settings.temperature ?? 0,
      ...(this.settings.seed !== undefined ? { seed: this.settings.seed } : {}),
      ...(grammar ? { grammar } : {}),
      customStopTriggers: [END_OF_PLAN],
      signal: request.signal,
      stopOnAbortSignal: true,
      onTextChunk: (text) => queue.push(text),
    });
    if (result.metadata.stopReason === "maxTokens") {
      throw new AgentError(
        `The planner did not finish the plan within ${maxTokens} tokens. Try a shorter request, or split it in two.`,
        "plan_too_long",
      );
    }
  }

  /**
   * The prompt, wrapped in its chat template, small enough that it and the longest plan fit in the
   * context: examples are dropped, least similar first, until it fits. Otherwise llama.cpp would
   * silently cut the prompt's beginning — the instructions.
   */
  private fittingInput(loaded: LoadedModel, request: PlanRequest, maxTokens: number) {
    const room = this.settings.contextSize - maxTokens - 1; // 1: the beginning-of-text token
    let tokens = 0;
    for (let examples = MAX_EXAMPLES; examples >= 0; examples--) {
      const input = this.applyTemplate(loaded, this.buildPrompt(request, examples));
      tokens = typeof input === "string" ? loaded.model.tokenize(input).length : input.tokenize(loaded.model.tokenizer).length;
      if (tokens <= room) return input;
      if (!this.settings.examples) break;
    }
    throw new AgentError(
      `This request with ${request.tools.length} tools needs a ${tokens}-token prompt, more than this model's context of ${this.settings.contextSize} leaves room for. Shorten the request or split it in two, switch off apps you do not need in the preferences, or choose a model with a larger context.`,
      "prompt_too_long",
    );
  }

  private applyTemplate(loaded: LoadedModel, prompt: BuiltPrompt) {
    const template = this.settings.chatTemplate;
    if (template.kind === "none") return prompt.system + prompt.user;
    if (template.kind === "text") return renderChatTemplate(template, prompt);
    const wrapper = loaded.lib.resolveChatWrapper(loaded.model);
    if (!wrapper)
      throw new AgentError("This model has no chat template of its own; set one for it in the model manifest.", "no_chat_template");
    const { contextText } = wrapper.generateContextState({
      chatHistory: [
        { type: "system", text: prompt.system },
        { type: "user", text: prompt.user },
        { type: "model", response: [] },
      ],
    });
    return contextText;
  }
}
