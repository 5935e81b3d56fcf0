import type { Plan, PlanTask } from "./plan";
import type { PyValue } from "./pythonLiteral";
import { isWholeReference, referencesIn, referencesInString, renumberReferences } from "./references";

/** A list that names one task's result twice (two lookups of one person, now merged) names it once. */
function withoutRepeatedReferences(value: PyValue): PyValue {
  if (!Array.isArray(value)) return value;
  const seen = new Set<number>();
  return value.filter((item) => {
    if (typeof item !== "string" || !isWholeReference(item)) return true;
    const [id] = referencesInString(item);
    if (seen.has(id!)) return false;
    seen.add(id!);
    return true;
  });
}

/**
 * A plan with each call that repeats an earlier one exactly (same tool, same arguments, after the
 * references to repeats are read as references to what they repeat) left out, and later references
 * pointed at the first; a list that then names one result twice ("$1", "$1") names it once. A small
 * planner sometimes looks the same person up twice, or writes the same message twice; the second
 * adds nothing but a second lookup, or a second identical message, and side effects must never run
 * twice. `merged` counts the calls left out; `changed` says whether the plan is another one.
 */
export function mergeRepeatedCalls(plan: Plan): { plan: Plan; merged: number; changed: boolean } {
  const newIds = new Map<number, number>();
  const firstByCall = new Map<string, number>();
  const tasks: PlanTask[] = [];
  const newId = (id: number) => newIds.get(id) ?? id;
  for (const task of plan.tasks) {
    const args = task.args.map((a) => withoutRepeatedReferences(renumberReferences(a, newId)));
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
  const changed = merged > 0 || tasks.some((t, i) => JSON.stringify(t.args) !== JSON.stringify(plan.tasks[i]!.args));
  return { plan: changed ? { tasks } : plan, merged, changed };
}
