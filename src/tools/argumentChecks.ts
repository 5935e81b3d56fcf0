import { alwaysKnown, type IsKnown } from "../core/tools/argumentChecks";
import type { ToolName } from "../core/tools/names";
import { TOOLS, type ToolArgs } from "./catalog";

/** Every problem with a task's arguments (already parsed by the tool's schema); none when it may run. */
export function argumentProblems<T extends ToolName>(tool: T, args: ToolArgs<T>, known: IsKnown = alwaysKnown): string[] {
  const { checks } = TOOLS[tool] as { checks?: (args: ToolArgs<T>, known: IsKnown) => string[] };
  return checks ? checks(args, known) : [];
}
