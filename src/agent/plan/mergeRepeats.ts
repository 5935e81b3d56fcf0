import type { Plan, PlanTask } from "./plan";
import { referencesIn, renumberReferences } from "./references";

/**
 * A plan with each call that repeats an earlier one exactly (same tool, same arguments, after the
 * references to repeats are read as references to what they repeat) left out, and later references
 * pointed at the first. A small planner sometimes looks the same person up twice, or writes the
 * same message twice; the second adds nothing but a second lookup, or a second identical message,
 * and side effects must never run twice.
 */
export function mergeRepeatedCalls(plan: Plan): { plan: Plan; merged: number } {
  const newIds = new Map<number, number>();
  const firstByCall = new Map<string, number>();
  const tasks: PlanTask[] = [];
  const newId = (id: number) => newIds.get(id) ?? id;
  for (const task of plan.tasks) {
    const args = task.args.map((a) => renumberReferences(a, newId));
    const key = JSON.stringify([task.tool, args]);
    const earlier = task.tool === "join" ? undefined : firstByCall.get(key);
    if (earlier !== undefined) {
      newIds.set(task.id, earlier);
      continue;
    }
    const id = tasks.length + 1;
    newIds.set(task.id, id);
    firstByCall.set(key, id);
    const dependencies = task.tool === "join" ? tasks.map((t) => t.id) : referencesIn(args);
    // Line numbers point into the text as the model wrote it, which no longer matches.
    const { line: _line, ...rest } = task;
    tasks.push({ ...rest, id, args, dependencies });
  }
  const merged = plan.tasks.length - tasks.length;
  return { plan: merged === 0 ? plan : { tasks }, merged };
}
