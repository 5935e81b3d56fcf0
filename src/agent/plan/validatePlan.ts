import { z } from "zod";
import { argumentProblems } from "../../tools/argumentChecks";
import { isToolName, TOOLS, type ToolArgs } from "../../tools/catalog";
import { TOOL_NAMES, type ToolName } from "../../core/tools/names";
import type { ParamDefinition } from "../../core/tools/params";
import { JOIN, parsePlanText, type PlanParseProblem, type PlanStep } from "./planParser";
import type { Plan, PlanTask } from "./plan";
import { formatPythonLiteral, type PyValue } from "./pythonLiteral";
import { isWholeReference, referencesIn, referencesInString } from "./references";
import { capText, ECHO_CHARS } from "../../core/util/capText";

export const PlanProblemCodeSchema = z.enum([
  "syntax",
  "empty",
  "unknown_tool",
  "tool_not_offered",
  "arity",
  "argument",
  "refused",
  "reference",
  "id_order",
  "join_missing",
  "join_misplaced",
  "join_arguments",
  "incomplete",
]);

export const PlanProblemSchema = z.object({
  code: PlanProblemCodeSchema,
  message: z.string(),
  taskId: z.number().int().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type PlanProblem = z.infer<typeof PlanProblemSchema>;

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] };

export interface ValidateOptions {
  /** Tools the planner was offered; any other tool is a problem. Default: all 16. */
  offeredTools?: readonly ToolName[];
  /**
   * Also report what a tool would refuse given the values already known ("refused": a name where
   * an address belongs, an event ending before it starts). Default true. Off for what concerns the
   * plan language alone: TinyAgent's metric and the grammar's guarantee.
   */
  checkValues?: boolean;
}

/**
 * Checks parsed steps against the catalog and the plan rules, and reports every problem found
 * (not just the first), each with a message a person can act on.
 */
export function validatePlan(steps: readonly PlanStep[], options: ValidateOptions = {}): PlanValidation {
  const problems: PlanProblem[] = [];
  const offered = new Set(options.offeredTools ?? TOOL_NAMES);
  if (steps.length === 0) {
    return { ok: false, problems: [{ code: "empty", message: "The plan is empty: it must at least end with join()." }] };
  }

  const seen = new Set<number>();
  let previousId = 0;
  const tasks: PlanTask[] = [];
  steps.forEach((step, index) => {
    const at = { taskId: step.id, line: step.line };
    if (step.id <= previousId) {
      problems.push({ code: "id_order", ...at, message: `Task ids must increase: ${step.id} comes after ${previousId}.` });
    }
    previousId = Math.max(previousId, step.id);
    const isLast = index === steps.length - 1;

    if (step.tool === JOIN) {
      if (step.args.length > 0) problems.push({ code: "join_arguments", ...at, message: "join() takes no arguments." });
      if (!isLast)
        problems.push({
          code: "join_misplaced",
          ...at,
          message: `join() must be the last action, but task ${step.id} comes before others.`,
        });
    } else if (!isToolName(step.tool)) {
      problems.push({
        code: "unknown_tool",
        ...at,
        message: `Task ${step.id}: there is no tool named '${capText(step.tool)}'.${suggest(step.tool)}`,
      });
    } else {
      if (!offered.has(step.tool)) {
        problems.push({
          code: "tool_not_offered",
          ...at,
          message: `Task ${step.id}: ${step.tool} was not among the tools selected for this request.`,
        });
      }
      problems.push(...checkArguments(step.tool, step.args, step, options.checkValues ?? true));
    }

    const dependencies = step.tool === JOIN ? [...seen].sort((a, b) => a - b) : referencesIn(step.args);
    for (const ref of dependencies) {
      if (!seen.has(ref)) {
        const why = ref >= step.id ? "a task can only use the results of tasks before it" : `there is no task ${ref}`;
        problems.push({ code: "reference", ...at, message: `Task ${step.id} uses $${ref}, but ${why}.` });
      }
    }
    seen.add(step.id);
    if (isToolName(step.tool) || step.tool === JOIN) {
      tasks.push({
        id: step.id,
        tool: step.tool,
        args: step.args,
        dependencies,
        ...(step.thought ? { thought: step.thought } : {}),
        ...(step.line !== undefined ? { line: step.line } : {}),
      });
    }
  });

  if (steps[steps.length - 1]!.tool !== JOIN) {
    problems.push({ code: "join_missing", message: "The plan must end with join()." });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan: { tasks } };
}

/** Parses and validates plan text in one go; syntax errors come first among the problems. */
export function parseAndValidatePlan(text: string, options: ValidateOptions = {}): PlanValidation {
  const { steps, problems } = parsePlanText(text);
  const validation = validatePlan(steps, options);
  if (problems.length === 0) return validation;
  return { ok: false, problems: [...problems.map(syntaxProblem), ...(validation.ok ? [] : validation.problems)] };
}

export function syntaxProblem(p: PlanParseProblem): PlanProblem {
  return { code: "syntax", line: p.line, column: p.column, message: `Line ${p.line}, column ${p.column}: ${p.message}.` };
}

function checkArguments(tool: ToolName, args: readonly PyValue[], step: PlanStep, checkValues: boolean): PlanProblem[] {
  const params: readonly ParamDefinition[] = TOOLS[tool].params;
  const at = { taskId: step.id, line: step.line };
  if (args.length !== params.length) {
    const names = params.map((p) => p.name).join(", ");
    return [
      {
        code: "arity",
        ...at,
        message: `Task ${step.id}: ${tool} takes ${params.length} argument${params.length === 1 ? "" : "s"} (${names}), got ${args.length}.`,
      },
    ];
  }
  const problems: PlanProblem[] = [];
  // The arguments by name as the tool will see them, for the checks below. A value holding a task's
  // result stays as written where its parameter's type would refuse it (a date "$1").
  const named: Record<string, unknown> = {};
  params.forEach((p, i) => {
    const value = args[i]!;
    const result = p.schema.safeParse(value);
    named[p.name] = result.success ? result.data : value;
    if (typeof value === "string" && isWholeReference(value)) {
      // A task's result is text: fine wherever text (or a list of text) goes, checked again once known.
      if (!acceptsText(p))
        problems.push({
          code: "argument",
          ...at,
          message: `Task ${step.id}: ${tool}'s ${p.name} cannot take a task's result (${capText(value)}); it needs ${p.expects}.`,
        });
      return;
    }
    if (!result.success) {
      problems.push({
        code: "argument",
        ...at,
        message: `Task ${step.id}: ${tool}'s ${p.name} (argument ${i + 1}) must be ${p.expects}, not ${capText(formatPythonLiteral(value))}.`,
      });
    }
  });
  if (problems.length > 0 || !checkValues) return problems;
  // What the tool would refuse when it runs, shown now; values that hold a task's result wait until then.
  const known = (v: string) => referencesInString(v).length === 0;
  return argumentProblems(tool, named as ToolArgs<typeof tool>, known).map((message) => ({
    code: "refused" as const,
    ...at,
    message: `Task ${step.id}: ${message}`,
  }));
}

/** Where a task's result (text) can go. Not a date: no tool returns one, so such a task could never run. */
function acceptsText(p: ParamDefinition): boolean {
  return p.schema.safeParse("text").success;
}

function suggest(name: string): string {
  // No tool name is near one this long, and comparing costs its length times theirs.
  if (name.length > 2 * ECHO_CHARS) return "";
  const close = TOOL_NAMES.map((t) => ({ t, d: editDistance(name, t) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(x.t.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return close ? ` Did you mean ${close.t}?` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
