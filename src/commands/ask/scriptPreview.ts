import type { ToolImplementations } from "../../tools/toolContract";
import { substituteReferences } from "../../agent/plan/references";
import { isToolName, TOOLS, type ToolArgs } from "../../tools/catalog";
import type { ToolName } from "../../core/tools/names";
import { dryRunResult } from "../../applescript/runner";
import type { PlanStep } from "../../agent/plan/planParser";

/**
 * The exact script (or command line, or request) a task will run, from the dry-run tools' preview:
 * known results filled in, unknown ones as markers (⟨result of #1⟩). Undefined when the arguments
 * do not fit the tool yet (an invalid plan) or the tool has no preview.
 */
export function scriptPreview(line: PlanStep, tools: ToolImplementations, results: ReadonlyMap<number, string>): string | undefined {
  if (!isToolName(line.tool)) return undefined;
  const args = line.args.map((a) => substituteReferences(a, (id) => results.get(id) ?? dryRunResult(id)));
  const parsed = TOOLS[line.tool].argsSchema.safeParse(args);
  if (!parsed.success) return undefined;
  const implementation = tools[line.tool] as { preview?: (args: ToolArgs<ToolName>) => string } | undefined;
  try {
    return implementation?.preview?.(parsed.data as ToolArgs<ToolName>);
  } catch {
    return undefined;
  }
}

/** The code fence's language: AppleScript for the apps it drives, none for commands and HTTP. */
export const scriptLanguage = (tool: string) =>
  isToolName(tool) && ["Contacts", "Calendar", "Mail", "Notes", "Reminders", "Messages"].includes(TOOLS[tool].app) ? "applescript" : "";
