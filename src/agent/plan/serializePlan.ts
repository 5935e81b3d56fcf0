import { END_OF_PLAN } from "./planParser";
import { formatPythonLiteral, type PyValue } from "./pythonLiteral";

interface SerializableStep {
  id: number;
  tool: string;
  args: readonly PyValue[];
  thought?: string;
}

/**
 * Writes steps in the plan language: `Thought:` lines, then `N. tool(args)` lines. Reading the
 * text back gives the same steps (ids, tools, arguments, thoughts).
 */
export function serializePlan(steps: readonly SerializableStep[], options: { endOfPlan?: boolean } = {}): string {
  const lines: string[] = [];
  for (const step of steps) {
    if (step.thought !== undefined) {
      for (const line of step.thought.split("\n")) lines.push(`Thought: ${line}`);
    }
    lines.push(formatStep(step));
  }
  return lines.join("\n") + (options.endOfPlan ? END_OF_PLAN : "");
}

/** One action: `3. create_note("Ideas", "", "")`. */
export function formatStep(step: SerializableStep): string {
  return `${step.id}. ${formatCall(step.tool, step.args)}`;
}

export function formatCall(tool: string, args: readonly PyValue[]): string {
  return `${tool}(${args.map(formatPythonLiteral).join(", ")})`;
}
