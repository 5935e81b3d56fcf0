import type { Manifest } from "../agent/models/manifest";
import type { ModelStore } from "../agent/models/modelStore";
import type { ToolSelector } from "../agent/pipeline";
import type { ToolName } from "../core/tools/names";
import { createToolSelector } from "../agent/toolSelector";

/**
 * One tool selector per set of enabled tools, kept as long as the command runs: the classifier
 * file (16.8 MB) is read, checked and opened on the first request, not again on every Re-Plan.
 */
export function toolSelectors(classifier: { manifest: Manifest; store: ModelStore }): (enabledTools: readonly ToolName[]) => ToolSelector {
  const selectors = new Map<string, ToolSelector>();
  return (enabledTools) => {
    const key = [...enabledTools].sort().join(",");
    let selector = selectors.get(key);
    if (!selector) {
      selector = createToolSelector({ enabledTools, classifier });
      selectors.set(key, selector);
    }
    return selector;
  };
}
