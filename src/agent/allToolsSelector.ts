import type { ToolSelection, ToolSelector } from "./pipeline";
import { TOOL_NAMES, type ToolName } from "../core/tools/names";

/** Offers every enabled tool, unscored: for when no classifier is installed or the plan is given. */
export class AllToolsSelector implements ToolSelector {
  constructor(private readonly tools: readonly ToolName[] = TOOL_NAMES) {}

  async select(): Promise<ToolSelection> {
    return { selected: this.tools.map((tool) => ({ tool, probability: 1 })) };
  }
}
