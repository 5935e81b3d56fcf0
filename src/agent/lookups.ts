import { executePlan, type ExecutionEvent } from "./executor";
import type { ToolImplementations } from "../tools/toolContract";
import type { ToolOutput } from "../core/tools/toolOutput";
import type { Plan, PlanTask } from "./plan/plan";
import { TOOLS } from "../tools/catalog";
import type { ToolName } from "../core/tools/names";

/**
 * Lookups are the tasks that may run before the person confirms a plan: they only read Contacts
 * (effect "read", app Contacts) and depend on nothing, so running them early changes nothing and
 * their result ("Sid → sid@example.com") lets the person check the plan before it acts. Other
 * reads (opening a file or Maps) show something on screen, so they wait for the confirmation.
 */
export function isLookup(task: PlanTask): boolean {
  if (task.tool === "join" || task.dependencies.length > 0) return false;
  const tool = TOOLS[task.tool as ToolName];
  return tool.effect === "read" && tool.app === "Contacts";
}

export function lookupTasks(plan: Plan): PlanTask[] {
  return plan.tasks.filter(isLookup);
}

/**
 * Runs the plan's lookups (through the executor, so with its timeouts and cancellation) and returns
 * the results of those that succeeded, to hand to executePlan's `precomputed` when the plan runs.
 * Failed lookups are reported through onEvent and left out: they run again with the plan.
 */
export async function resolveLookups(
  plan: Plan,
  options: { tools: ToolImplementations; signal?: AbortSignal; taskTimeoutMs?: number; onEvent?: (e: ExecutionEvent) => void },
): Promise<Map<number, ToolOutput>> {
  const tasks = lookupTasks(plan);
  const results = new Map<number, ToolOutput>();
  if (tasks.length === 0) return results;
  const lastId = plan.tasks[plan.tasks.length - 1]!.id;
  const join: PlanTask = { id: lastId + 1, tool: "join", args: [], dependencies: tasks.map((t) => t.id) };
  const lookupPlan: Plan = { tasks: [...tasks, join] };
  for await (const e of executePlan(lookupPlan, { tools: options.tools, signal: options.signal, taskTimeoutMs: options.taskTimeoutMs })) {
    if (e.taskId === join.id) continue;
    if (e.type === "succeeded") results.set(e.taskId, { result: e.result, ...(e.note ? { note: e.note } : {}) });
    options.onEvent?.(e);
  }
  return results;
}
