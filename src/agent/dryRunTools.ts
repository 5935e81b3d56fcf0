import type { ToolImplementation, ToolImplementations } from "./executor";
import { formatCall } from "./plan/serializePlan";
import type { PyValue } from "./plan/pythonLiteral";
import { TOOL_NAMES, TOOLS, type ToolName } from "./tools/catalog";

/**
 * Tools that do nothing and say what they would have done: the preview is the call with its
 * arguments filled in, the result a marker standing for the real result, so later tasks show
 * where it would go.
 */
export function dryRunTools(): ToolImplementations {
  const entries = TOOL_NAMES.map((name) => [name, dryRunTool(name)] as const);
  return Object.fromEntries(entries) as ToolImplementations;
}

function dryRunTool(name: ToolName): ToolImplementation {
  const positional = (args: Record<string, unknown>) => TOOLS[name].params.map((p) => args[p.name] as PyValue);
  return {
    preview: (args) => formatCall(name, positional(args)),
    run: async (_args, ctx) => `⟨result of #${ctx.taskId}⟩`,
  };
}
