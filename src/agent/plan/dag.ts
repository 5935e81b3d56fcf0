import type { Plan, PlanTask } from "./plan";

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

/** The tasks that use task `id`'s result, directly or through others (join excluded). */
export function dependentsOf(plan: Plan, id: number): PlanTask[] {
  const affected = new Set([id]);
  const out: PlanTask[] = [];
  for (const task of topologicalOrder(plan)) {
    if (task.tool === "join") continue;
    if (task.dependencies.some((d) => affected.has(d))) {
      affected.add(task.id);
      out.push(task);
    }
  }
  return out;
}
