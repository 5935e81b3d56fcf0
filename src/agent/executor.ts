import { z } from "zod";
import { AgentError, describeCause, ERROR_CODES, type ErrorCode } from "../core/errors";
import type { Plan, PlanTask } from "./plan/plan";
import { substituteReferences } from "./plan/references";
import { TOOLS, type ToolArgs } from "../tools/catalog";
import type { ToolName } from "../core/tools/names";
import { AsyncQueue } from "../core/util/asyncQueue";
import type { ToolImplementation, ToolImplementations } from "../tools/toolContract";
import type { ToolOutput } from "../core/tools/toolOutput";

export const ExecutionEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("queued"), taskId: z.number() }),
  z.object({ type: z.literal("started"), taskId: z.number(), script: z.string().optional() }),
  z.object({
    type: z.literal("succeeded"),
    taskId: z.number(),
    result: z.string(),
    note: z.string().optional(),
    elapsedMs: z.number(),
    /** The result was given (ExecuteOptions.precomputed): the task did not run again. */
    reused: z.boolean().optional(),
  }),
  z.object({
    type: z.literal("failed"),
    taskId: z.number(),
    error: z.string(),
    /** The AgentError's code, so a front end can offer the fix (open settings, allow automation...). */
    code: z.enum(ERROR_CODES).optional(),
    detail: z.string().optional(),
    elapsedMs: z.number(),
  }),
  z.object({ type: z.literal("skipped"), taskId: z.number(), reason: z.string() }),
  z.object({
    type: z.literal("cancelled"),
    taskId: z.number(),
    /** Set when the task had already started: what it was doing may have happened in part. */
    note: z.string().optional(),
  }),
]);
export type ExecutionEvent = z.infer<typeof ExecutionEventSchema>;
export type TaskStatus = "queued" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";

export interface ExecuteOptions {
  tools: ToolImplementations;
  signal?: AbortSignal;
  /** Per-task limit; a task that runs longer fails with a timeout. Default 30 s. */
  taskTimeoutMs?: number;
  /**
   * Results already obtained for some tasks (lookups resolved while the plan was on screen): those
   * tasks succeed with them at once, without running again. Only for tasks that depend on nothing,
   * so a result can never be stale with respect to earlier ones.
   */
  precomputed?: ReadonlyMap<number, ToolOutput>;
}

const DEFAULT_TASK_TIMEOUT_MS = 30_000;

/**
 * Runs a validated plan. A task starts as soon as every task it depends on succeeded, so independent
 * tasks run at the same time; references are replaced by results just before a task starts. A task
 * whose dependency failed is skipped; cancelling stops everything not yet started. No task is ever
 * started twice. The join task finishes last, with a summary as its result.
 *
 * Nothing runs until the returned stream is iterated.
 */
export async function* executePlan(plan: Plan, options: ExecuteOptions): AsyncGenerator<ExecutionEvent> {
  const queue = new AsyncQueue<ExecutionEvent>();
  const run = new PlanRun(
    plan,
    options,
    (e) => queue.push(e),
    () => queue.close(),
  );
  run.start();
  yield* queue;
}

class PlanRun {
  private readonly status = new Map<number, TaskStatus>();
  private readonly results = new Map<number, string>();
  private readonly timeoutMs: number;

  constructor(
    private readonly plan: Plan,
    private readonly options: ExecuteOptions,
    private readonly emit: (e: ExecutionEvent) => void,
    private readonly done: () => void,
  ) {
    this.timeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  }

  start(): void {
    for (const task of this.plan.tasks) {
      this.status.set(task.id, "queued");
      this.emit({ type: "queued", taskId: task.id });
    }
    for (const [id, output] of this.options.precomputed ?? []) {
      const task = this.plan.tasks.find((t) => t.id === id);
      if (!task || task.tool === "join" || task.dependencies.length > 0)
        throw new Error(`precomputed result for task ${id}, which is not an action without dependencies`);
      this.status.set(id, "succeeded");
      this.results.set(id, output.result);
      this.emit({
        type: "succeeded",
        taskId: id,
        result: output.result,
        ...(output.note ? { note: output.note } : {}),
        elapsedMs: 0,
        reused: true,
      });
    }
    this.options.signal?.addEventListener("abort", this.onAbort, { once: true });
    this.schedule();
  }

  private readonly onAbort = () => this.schedule();

  private settled(id: number): boolean {
    const s = this.status.get(id);
    return s !== "queued" && s !== "running";
  }

  private schedule(): void {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const task of this.plan.tasks) {
        if (this.status.get(task.id) !== "queued") continue;
        if (task.tool === "join") continue;
        if (this.options.signal?.aborted) {
          this.status.set(task.id, "cancelled");
          this.emit({ type: "cancelled", taskId: task.id });
          progressed = true;
          continue;
        }
        if (!task.dependencies.every((d) => this.settled(d))) continue;
        const blocker = task.dependencies.find((d) => this.status.get(d) !== "succeeded");
        if (blocker !== undefined) {
          this.status.set(task.id, "skipped");
          this.emit({ type: "skipped", taskId: task.id, reason: `task ${blocker} ${this.status.get(blocker)}` });
          progressed = true;
          continue;
        }
        this.status.set(task.id, "running");
        void this.runTask(task);
      }
    }
    this.finishIfDone();
  }

  private finishIfDone(): void {
    const join = this.plan.tasks.find((t) => t.tool === "join");
    const actions = this.plan.tasks.filter((t) => t.tool !== "join");
    if (!actions.every((t) => this.settled(t.id))) return;
    if (join && this.status.get(join.id) === "queued") {
      this.status.set(join.id, "running");
      this.emit({ type: "started", taskId: join.id });
      const summary = summarize(actions.map((t) => this.status.get(t.id)!));
      this.status.set(join.id, "succeeded");
      this.results.set(join.id, summary);
      this.emit({ type: "succeeded", taskId: join.id, result: summary, elapsedMs: 0 });
    }
    this.finish();
    this.done();
  }

  private async runTask(task: PlanTask): Promise<void> {
    const tool = task.tool as ToolName;
    const began = performance.now();
    const fail = (error: string, cause?: unknown, code?: ErrorCode) => {
      this.status.set(task.id, "failed");
      this.emit({
        type: "failed",
        taskId: task.id,
        error,
        ...(code !== undefined ? { code } : {}),
        ...(cause !== undefined ? { detail: describeCause(cause) } : {}),
        elapsedMs: performance.now() - began,
      });
    };
    try {
      const implementation = this.options.tools[tool] as ToolImplementation | undefined;
      const args = this.prepareArguments(task);
      if (!implementation)
        throw new AgentError(`${tool} is not available: its app is switched off or not supported here.`, "tool_unavailable");
      const script = implementation.preview?.(args);
      this.emit({ type: "started", taskId: task.id, ...(script !== undefined ? { script } : {}) });
      const output = await this.withTimeout(task, (signal) => implementation.run(args, { signal, taskId: task.id }));
      const { result, note } = typeof output === "string" ? { result: output, note: undefined } : output;
      this.status.set(task.id, "succeeded");
      this.results.set(task.id, result);
      this.emit({ type: "succeeded", taskId: task.id, result, ...(note ? { note } : {}), elapsedMs: performance.now() - began });
    } catch (error) {
      if (this.options.signal?.aborted && !(error instanceof AgentError && error.code === "timeout")) {
        // The tool was running and stopped when asked: say so, as it may have done part of its work.
        this.status.set(task.id, "cancelled");
        this.emit({
          type: "cancelled",
          taskId: task.id,
          note: `${tool} had started; check whether it did its part before running it again.`,
        });
      } else if (error instanceof AgentError) {
        fail(error.message, error.cause, error.code);
      } else {
        fail(`${tool} failed: ${describeCause(error)}`, error);
      }
    }
    this.schedule();
  }

  /** Substitutes results, then validates against the tool's schema (results can be anything). */
  private prepareArguments(task: PlanTask): ToolArgs<ToolName> {
    const args = task.args.map((a) => substituteReferences(a, (id) => this.results.get(id) ?? ""));
    const parsed = TOOLS[task.tool as ToolName].argsSchema.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = TOOLS[task.tool as ToolName].params[Number(issue?.path[0] ?? 0)]?.name ?? "an argument";
      throw new AgentError(
        `${task.tool}'s ${name} is not valid after filling in earlier results: ${issue?.message ?? "invalid"}.`,
        "invalid_arguments",
        {
          cause: parsed.error,
        },
      );
    }
    return parsed.data as ToolArgs<ToolName>;
  }

  /**
   * Runs a started task with its own signal: cancelling the run or the timeout aborts it. A
   * cancelled task is waited for (its tool stops when its signal aborts), so it is reported with
   * what really happened — it may have finished anyway; the timeout stops waiting for good.
   */
  private withTimeout<R>(task: PlanTask, work: (signal: AbortSignal) => Promise<R>): Promise<R> {
    const controller = new AbortController();
    const outer = this.options.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    else outer?.addEventListener("abort", onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const limit = this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`;
        const error = new AgentError(`${task.tool} did not finish within ${limit} and was stopped.`, "timeout");
        controller.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    // Started from a microtask so a tool that throws synchronously still goes through the race.
    const working = Promise.resolve().then(() => work(controller.signal));
    return Promise.race([working, timeout]).finally(() => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    });
  }

  /** Called once when every task has settled. */
  finish(): void {
    this.options.signal?.removeEventListener("abort", this.onAbort);
  }
}

function summarize(statuses: TaskStatus[]): string {
  const count = (s: TaskStatus) => statuses.filter((x) => x === s).length;
  const parts = [
    [count("succeeded"), "done"],
    [count("failed"), "failed"],
    [count("skipped"), "skipped"],
    [count("cancelled"), "cancelled"],
  ] as const;
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(", ");
  return statuses.length === 0 ? "Nothing to do." : `${text}.`;
}
