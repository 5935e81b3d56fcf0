import { dirname, join } from "node:path";
import { ValueTagger } from "../classifier/valueTagger";
import { AgentError } from "../core/errors";
import { defaultModel, type Manifest, type PlannerEntry } from "./models/manifest";
import type { ModelStore } from "./models/modelStore";
import { normalizeRequest } from "./normalize";
import type { PipelineStages, ToolSelector, ValueFinder } from "./pipeline";
import { lazyPlanner } from "./planner/lazyPlanner";
import { createPlanner } from "./planner/plannerFactory";
import type { ExampleBank } from "./prompt/exampleBank";
import { TextPlanner } from "./textPlanner";
import type { ValueSpan } from "../core/values/valueTypes";

export interface ModelPlannerOptions {
  entry: PlannerEntry;
  store: ModelStore;
  /** Where the value tagger comes from (the manifest's default tagger). */
  manifest: Manifest;
  /**
   * Instead of the tagger's spans (to measure what the tagger costs): the values found another way.
   * The tagger still runs for its tool votes, so only the spans differ.
   */
  spansInstead?: (text: string) => Promise<ValueSpan[]>;
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
 * request no tool serves is answered by the classifier alone. A `compact` planner plans over the
 * placeholders of the manifest's value tagger, which then runs before the classifier.
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
      engines: options.store.engines,
      grammar: options.grammar,
      examples: await options.examples?.(),
      customInstructions: options.customInstructions,
      threads: options.threads,
    });
  });
  // Only a planner over placeholders needs the tagger: the shipped classifier reads the normalized text.
  if (options.entry.promptFormat !== "compact") return { normalize: normalizeRequest, selector, planner };
  const tagger = valueStage(options.manifest, options.store);
  const spansInstead = options.spansInstead;
  const values: ValueFinder | undefined =
    tagger && spansInstead ? { read: async (text) => ({ ...(await tagger.read(text)), spans: await spansInstead(text) }) } : tagger;
  if (!values) {
    const missing = new AgentError(
      `${options.entry.title} plans over placeholders and needs a value tagger, but the model manifest names none. Restore assets/models/manifest.json from the repository.`,
      "tagger_unavailable",
    );
    return { normalize: normalizeRequest, selector, planner: { plan: () => failing(missing) } };
  }
  return { normalize: normalizeRequest, values, selector, planner };
}

// eslint-disable-next-line require-yield -- a planner that can only fail, the way a planner fails
async function* failing(error: Error): AsyncIterable<string> {
  throw error;
}

/**
 * The values stage: the manifest's default value tagger (loaded, and its file checked, on the
 * first request), or undefined when the manifest names none.
 */
export function valueStage(manifest: Manifest, store: ModelStore): ValueFinder | undefined {
  const entry = defaultModel(manifest, "tagger");
  if (!entry) return undefined;
  let tagger: Promise<ValueTagger> | undefined;
  return {
    async read(text) {
      tagger ??= store
        .ensureReady(entry)
        .then((path) => ValueTagger.load(join(dirname(path), entry.sidecar), store.engines.onnxRuntime))
        .catch((error: unknown) => {
          tagger = undefined;
          throw error;
        });
      return (await tagger).read(text);
    },
  };
}

/** A given plan (a plan file, a plan from history) through the same stages. */
export function givenPlanStages(planText: string, selector: ToolSelector): PipelineStages {
  return { normalize: normalizeRequest, selector, planner: new TextPlanner(planText) };
}
