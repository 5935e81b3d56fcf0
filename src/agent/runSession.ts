import { randomUUID } from "node:crypto";
import { z } from "zod";
import { TOOLS } from "../tools/catalog";
import type { ToolName } from "../core/tools/names";
import type { ToolImplementations } from "../tools/toolContract";
import type { ToolOutput } from "../core/tools/toolOutput";
import { executePlan, type ExecutionEvent } from "./executor";
import type { Plan } from "./plan/plan";
import { serializePlan } from "./plan/serializePlan";

/**
 * When a run asks first. everything: before any plan (and no lookup runs early); sideEffects: when
 * a task changes or sends something; never.
 */
export const ConfirmationPolicySchema = z.enum(["everything", "sideEffects", "never"]);
export type ConfirmationPolicy = z.infer<typeof ConfirmationPolicySchema>;

export const RunOutcomeSchema = z.enum(["done", "failed", "cancelled"]);
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

/** What is kept of a finished run (Raycast's History lists them). */
export const HistoryEntrySchema = z.object({
  id: z.string(),
  query: z.string(),
  /** The plan that ran, in the plan language (re-opening it goes through the parser and validator again). */
  planText: z.string(),
  outcome: RunOutcomeSchema,
  /** The run's summary: "2 done, 1 failed." */
  summary: z.string(),
  /** ISO time the run finished. */
  ranAt: z.string(),
  /** Actions in the plan. */
  tasks: z.number().int().min(0),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** How a run ended, from its tasks' final statuses. */
export function outcomeOf(statuses: readonly string[]): RunOutcome {
  if (statuses.includes("cancelled")) return "cancelled";
  if (statuses.some((s) => s === "failed" || s === "skipped")) return "failed";
  return "done";
}

/** The tasks that change or send something (not the join, not a read). */
export function sideEffectTasks<T extends { tool: string }>(tasks: readonly T[]): T[] {
  return tasks.filter((t) => t.tool !== "join" && TOOLS[t.tool as ToolName].effect !== "read");
}

/** Whether a run of these tasks asks first, under the policy. A plan of nothing never asks. */
export function needsConfirmation<T extends { tool: string }>(policy: ConfirmationPolicy, tasks: readonly T[]): boolean {
  const actions = tasks.filter((t) => t.tool !== "join");
  if (actions.length === 0 || policy === "never") return false;
  return policy === "everything" || sideEffectTasks(actions).length > 0;
}

export interface RunSessionOptions {
  tools: ToolImplementations;
  policy: ConfirmationPolicy;
  /**
   * Asked before anything runs when the policy wants it; false: nothing runs. The front end's
   * question: a prompt in the terminal, an alert in Raycast.
   */
  confirm(plan: Plan): Promise<boolean>;
  /** Once the run may go ahead, before the first task; false: nothing runs (the request was replaced meanwhile). */
  starting?(): Promise<boolean>;
  signal?: AbortSignal;
  /** Lookups already resolved (their results are used, they do not run again). */
  precomputed?: ReadonlyMap<number, ToolOutput>;
  /** Each task's progress, as it happens. */
  onEvent?(event: ExecutionEvent): void;
  /** Where the finished run is kept (History); a failure to keep it does not fail the run. */
  record?(entry: HistoryEntry): Promise<void>;
}

export type SessionResult =
  | { ran: false }
  | {
      ran: true;
      entry: HistoryEntry;
      events: ExecutionEvent[];
      /** The join's summary ("2 done, 1 failed."). */
      summary: string;
      /** The action tasks that did not finish (failed, skipped, cancelled). */
      unfinished: number;
    };

/**
 * One run of a validated plan, the same for every front end: confirm (as the policy says) →
 * execute, reporting each event → the summary → the record. Nothing runs before the answer, and a
 * run that throws still reports what happened before it stopped.
 */
export async function runSession(query: string, plan: Plan, options: RunSessionOptions): Promise<SessionResult> {
  if (needsConfirmation(options.policy, plan.tasks) && !(await options.confirm(plan))) return { ran: false };
  if (options.signal?.aborted || (options.starting && !(await options.starting()))) return { ran: false };
  const join = plan.tasks[plan.tasks.length - 1]!;
  const events: ExecutionEvent[] = [];
  const statuses = new Map<number, string>();
  let summary = "";
  for await (const event of executePlan(plan, { tools: options.tools, signal: options.signal, precomputed: options.precomputed })) {
    events.push(event);
    options.onEvent?.(event);
    if (event.taskId === join.id) {
      if (event.type === "succeeded") summary = event.result;
    } else statuses.set(event.taskId, event.type);
  }
  const final = [...statuses.values()];
  const entry: HistoryEntry = {
    id: randomUUID(),
    query,
    planText: serializePlan(plan.tasks),
    outcome: outcomeOf(final),
    summary,
    ranAt: new Date().toISOString(),
    tasks: plan.tasks.length - 1,
  };
  await options.record?.(entry).catch(() => undefined);
  const unfinished = final.filter((s) => s === "failed" || s === "skipped" || s === "cancelled").length;
  return { ran: true, entry, events, summary, unfinished };
}
