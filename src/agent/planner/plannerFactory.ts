import { availableParallelism } from "node:os";
import type { EngineModules } from "../../core/engineModules";
import type { PlannerEntry } from "../models/manifest";
import type { ExampleBank } from "../prompt/exampleBank";
import type { PromptFormatId } from "../prompt/promptFormat";
import { promptFormats } from "../prompt/promptFormats";
import { LlamaPlanner, type GrammarSettings } from "./llamaPlanner";

/**
 * The grammar each prompt format gets. The TinyAgent models write Thought lines and
 * <END_OF_PLAN>, and were trained without name restrictions; the project's own model plans over
 * placeholders, so its grammar allows only the placeholders of the request (and fixed pieces).
 */
export const GRAMMAR_BY_FORMAT: Record<PromptFormatId, GrammarSettings> = {
  tinyagent: { copyNames: false, thoughts: true, endOfPlan: true },
  compact: { copyNames: false, placeholders: true, thoughts: false, endOfPlan: false },
};

export interface PlannerOptions {
  /** The model file (from the model store: downloaded or embedded, checked). */
  modelPath: string;
  /** The engine that runs it (src/core/engineModules.ts). */
  engines: EngineModules;
  /** false: unconstrained generation, for measuring what the grammar buys. */
  grammar?: boolean;
  examples?: ExampleBank;
  customInstructions?: string;
  /** A user setting (default: the manifest's recommendation); never more than the machine's cores. */
  threads?: number;
}

/** A planner for a manifest entry: its prompt format, chat template, context size, threads, GPU layers. */
export function createPlanner(entry: PlannerEntry, options: PlannerOptions): LlamaPlanner {
  const threads = Math.max(1, Math.min(options.threads ?? entry.threads, availableParallelism()));
  return new LlamaPlanner({
    modelPath: options.modelPath,
    engines: options.engines,
    format: promptFormats[entry.promptFormat],
    chatTemplate: entry.chatTemplate,
    contextSize: entry.contextSize,
    threads,
    gpuLayers: entry.gpuLayers,
    grammar: options.grammar === false ? false : GRAMMAR_BY_FORMAT[entry.promptFormat],
    ...(entry.promptFormat === "tinyagent" && options.examples ? { examples: options.examples } : {}),
    customInstructions: options.customInstructions,
    // A plan fits in half the context: a small model trained at a short context has no room for 512.
    maxTokens: Math.min(512, Math.floor(entry.contextSize / 2)),
  });
}
