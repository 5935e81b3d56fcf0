import type { ToolOutput } from "../../core/tools/toolOutput";
import type { Plan } from "../../agent/plan/plan";
import type { PyValue } from "../../agent/plan/pythonLiteral";

/** A lookup's result, with the arguments it was looked up with. */
export interface LookedUp {
  taskId: number;
  args: readonly PyValue[];
  output: ToolOutput;
}

/**
 * The contact lookups of one plan that run before its confirmation: whether any is still running,
 * and what they returned. Run Plan waits for them and reuses their results as returned here, not as
 * last rendered (React state lags behind the flow by a render, so the last result could be missed
 * and its lookup run twice).
 */
export class PlanLookups {
  private readonly found: LookedUp[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  /** Keeps the results of `lookups` when it resolves; resolves (or rejects) with it. */
  track(lookups: Promise<readonly LookedUp[]>): Promise<void> {
    const tracked = lookups
      .then((results) => void this.found.push(...results))
      .finally(() => {
        this.inFlight.delete(tracked);
      });
    this.inFlight.add(tracked);
    return tracked;
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves when no lookup is running, counting those started while it waits. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * The results the run reuses: for the plan's tasks that still have the arguments they were looked
   * up with (an edited task runs again with its new ones; a removed task has none).
   */
  reusable(plan: Plan): Map<number, ToolOutput> {
    const out = new Map<number, ToolOutput>();
    for (const { taskId, args, output } of this.found) {
      const task = plan.tasks.find((t) => t.id === taskId);
      if (task && JSON.stringify(task.args) === JSON.stringify(args)) out.set(taskId, output);
    }
    return out;
  }
}
