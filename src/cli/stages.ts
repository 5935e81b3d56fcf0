import { defaultModel, findModel } from "../agent/models/manifest";
import { ModelStore } from "../agent/models/modelStore";
import type { PipelineStages } from "../agent/pipeline";
import { loadDefaultExampleBank } from "../agent/prompt/defaultExampleBank";
import { givenPlanStages, modelStages } from "../agent/pipelineStages";
import { TOOL_NAMES } from "../core/tools/names";
import { createToolSelector } from "../agent/toolSelector";
import type { ValueSpan } from "../core/values/valueTypes";
import { UsageError } from "./cliErrors";
import { MAX_PLAN_FILE_BYTES, readInputFile } from "./inputFiles";
import { defaultModelsDir, readManifest } from "./modelLocations";
import { ENGINE_MODULES } from "../engines/engineLoader";

/** The options `npm start` and `npm run eval` share for choosing models. */
export const MODEL_OPTIONS = {
  manifest: { type: "string" },
  model: { type: "string" },
  "no-grammar": { type: "boolean", default: false },
  threads: { type: "string" },
} as const;

export const MODEL_OPTIONS_HELP = `  --manifest <file>   read models from this manifest instead of the bundled one
  --model <id>        the planner model to use (see npm start -- models; default: the manifest's)
  --no-grammar        let the model write without the plan grammar (for comparison)
  --threads <N>       CPU threads for the planner (default: the model's recommendation; never more than the cores)`;

export interface StageOptions {
  planFile?: string;
  model?: string;
  manifest?: string;
  grammar: boolean;
  threads?: number;
  /** Instead of the value tagger's spans (eval --gold-spans). */
  spansInstead?: (text: string) => Promise<ValueSpan[]>;
}

/**
 * The command line's pipeline: the date normalizer, the manifest's classifier, and the manifest's
 * planner (or a given plan file).
 */
export async function commandLineStages(options: StageOptions): Promise<PipelineStages> {
  const { manifest, embeddedDir } = await readManifest(options.manifest);
  const store = new ModelStore(defaultModelsDir(), embeddedDir, ENGINE_MODULES);
  if (options.planFile !== undefined) {
    const text = await readInputFile(options.planFile, "plan file", MAX_PLAN_FILE_BYTES);
    // The classifier still runs (its pick is shown), but a given plan may use any tool.
    return givenPlanStages(text, createToolSelector({ enabledTools: TOOL_NAMES, classifier: { manifest, store }, offerAll: true }));
  }
  const entry = options.model !== undefined ? findModel(manifest, options.model) : defaultModel(manifest, "planner");
  if (!entry) {
    throw new UsageError(
      options.model !== undefined
        ? `no model "${options.model}" in the manifest (see npm start -- models)`
        : "the manifest names no default planner model",
    );
  }
  if (entry.role !== "planner") throw new UsageError(`"${entry.id}" is a ${entry.role}, not a planner model`);
  return modelStages(createToolSelector({ enabledTools: TOOL_NAMES, classifier: { manifest, store } }), {
    entry,
    store,
    manifest,
    ...(options.spansInstead ? { spansInstead: options.spansInstead } : {}),
    grammar: options.grammar,
    examples: loadDefaultExampleBank,
    threads: options.threads,
    downloadHint: `Run: npm start -- models pull ${entry.id} (or pass a plan with --plan-file <file>)`,
  });
}

export function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads must be a whole number of at least 1 (got "${value}")`);
  return n;
}
