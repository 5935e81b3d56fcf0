import type { Plan, PlanTask } from "./plan";
import type { PyValue } from "./pythonLiteral";
import { referencesIn } from "./references";

/**
 * Tasks in an order where each comes after the tasks it depends on (Kahn's algorithm; ties keep
 * plan order). Throws on a cycle, which a validated plan cannot have.
 */
export function topologicalOrder(plan: Plan): PlanTask[] {
  const remaining = new Map(plan.tasks.map((t) => [t.id, new Set(t.dependencies)]));
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  const order: PlanTask[] = [];
  while (remaining.size > 0) {
    const ready = plan.tasks.filter((t) => remaining.get(t.id)?.size === 0);
    if (ready.length === 0) throw new Error(`the plan's dependencies form a cycle among tasks ${[...remaining.keys()].join(", ")}`);
    for (const t of ready) {
      remaining.delete(t.id);
      order.push(byId.get(t.id)!);
      for (const deps of remaining.values()) deps.delete(t.id);
    }
  }
  return order;
}

/**
 * Tasks grouped by the earliest step at which they can run: level 0 needs nothing, level k needs
 * something from level k-1. Tasks in one level can run at the same time.
 */
export function parallelLevels(plan: Plan): PlanTask[][] {
  const level = new Map<number, number>();
  const levels: PlanTask[][] = [];
  for (const task of topologicalOrder(plan)) {
    const l = task.dependencies.reduce((max, d) => Math.max(max, (level.get(d) ?? 0) + 1), 0);
    level.set(task.id, l);
    (levels[l] ??= []).push(task);
  }
  return levels;
}

/**
 * The ids of the actions that use action `id`'s result, directly or through others (join
 * excluded). Works on steps as written, so it also answers for a plan being edited.
 */
export function dependentsOf(steps: readonly { id: number; tool: string; args: readonly PyValue[] }[], id: number): number[] {
  const affected = new Set([id]);
  const out: number[] = [];
  for (const step of steps) {
    if (step.tool === "join") continue;
    if (referencesIn(step.args).some((d) => affected.has(d))) {
      affected.add(step.id);
      out.push(step.id);
    }
  }
  return out;
}
