import { dirname, join } from "node:path";
import { AllToolsSelector } from "./allToolsSelector";
import { ClassifierSelector } from "./classifierSelector";
import { defaultModel, type Manifest } from "./models/manifest";
import type { ModelStore } from "./models/modelStore";
import type { ToolSelector } from "./pipeline";
import type { ToolName } from "../core/tools/names";

export interface ToolSelectorOptions {
  /** The tools the person has switched on (their apps are enabled); no other tool is ever offered. */
  enabledTools: readonly ToolName[];
  /** Where the classifier comes from: the manifest's default classifier, found through the store. */
  classifier?: { manifest: Manifest; store: ModelStore };
  /** Offer every enabled tool (a given plan may use any); the classifier's pick is still reported. */
  offerAll?: boolean;
}

/**
 * The one place that decides how tools are picked for a request, for every front end: the
 * manifest's ToolRAG classifier (loaded, and its file checked, on the first request), or every
 * enabled tool when no classifier is configured.
 */
export function createToolSelector(options: ToolSelectorOptions): ToolSelector {
  const source = options.classifier;
  const entry = source ? defaultModel(source.manifest, "classifier") : undefined;
  if (!source || !entry) return new AllToolsSelector(options.enabledTools);
  let loaded: Promise<ToolSelector> | undefined;
  const load = async () => {
    const modelPath = await source.store.ensureReady(entry);
    return ClassifierSelector.load(join(dirname(modelPath), entry.sidecar), source.store.engines.onnxRuntime, {
      enabledTools: options.enabledTools,
      offerAll: options.offerAll,
    });
  };
  return {
    async select(query, tagged) {
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return (await loaded).select(query, tagged);
    },
  };
}
