import { AgentError } from "./errors";
import type { PlannerEntry } from "./models/manifest";
import type { ModelStore } from "./models/modelStore";
import { normalizeRequest } from "./normalize";
import type { PipelineStages, ToolSelector } from "./pipeline";
import { lazyPlanner } from "./planner/lazyPlanner";
import { createPlanner } from "./planner/plannerFactory";
import type { ExampleBank } from "./prompt/exampleBank";
import { TextPlanner } from "./textPlanner";

export interface ModelPlannerOptions {
  entry: PlannerEntry;
  store: ModelStore;
  /** false: plan without the grammar (for comparison). */
  grammar?: boolean;
  examples?: () => Promise<ExampleBank | undefined>;
  customInstructions?: string;
  threads?: number;
  /** Runs once, before the model is checked and loaded: for progress ("Loading TinyAgent 1.1B…"). */
  onLoad?: () => void;
  /** Added to the "not downloaded" message: how this front end downloads it. */
  downloadHint?: string;
}

/**
 * The pipeline every front end runs: the date normalizer, the given tool selector, and the
 * manifest's planner — made ready (checked, loaded) only when a request needs planning, so a
 * request no tool serves is answered by the classifier alone.
 */
export function modelStages(selector: ToolSelector, options: ModelPlannerOptions): PipelineStages {
  const planner = lazyPlanner(async () => {
    options.onLoad?.();
    let modelPath: string;
    try {
      modelPath = await options.store.ensureReady(options.entry);
    } catch (error) {
      if (options.downloadHint && error instanceof AgentError && error.code === "model_not_downloaded") {
        throw new AgentError(`${error.message} ${options.downloadHint}`, error.code, { cause: error });
      }
      throw error;
    }
    return createPlanner(options.entry, {
      modelPath,
      grammar: options.grammar,
      examples: await options.examples?.(),
      customInstructions: options.customInstructions,
      threads: options.threads,
    });
  });
  return { normalize: normalizeRequest, selector, planner };
}

/** A given plan (a plan file, a plan from history) through the same stages. */
export function givenPlanStages(planText: string, selector: ToolSelector): PipelineStages {
  return { normalize: normalizeRequest, selector, planner: new TextPlanner(planText) };
}
