import { AllToolsSelector } from "./allToolsSelector";
import type { ToolSelector } from "./pipeline";
import type { ToolName } from "./tools/catalog";

export interface ToolSelectorOptions {
  /** The tools the person has switched on (their apps are enabled); no other tool is ever offered. */
  enabledTools: readonly ToolName[];
}

/**
 * The one place that decides how tools are picked for a request, for every front end. Today it
 * offers every enabled tool; the ToolRAG classifier replaces it here.
 */
export function createToolSelector(options: ToolSelectorOptions): ToolSelector {
  return new AllToolsSelector(options.enabledTools);
}
