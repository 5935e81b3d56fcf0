import type { ErrorCode } from "../../core/errors";
import type { ExecutionEvent, TaskStatus } from "../../agent/executor";
import type { PipelineEvent, PipelineResult, ToolSelection } from "../../agent/pipeline";
import { nothingToDo, type NothingToDo } from "../../agent/nothingToDo";
import type { Plan } from "../../agent/plan/plan";
import type { PlanStep } from "../../agent/plan/planParser";
import type { PyValue } from "../../agent/plan/pythonLiteral";
import { validatePlan, type PlanProblem } from "../../agent/plan/validatePlan";
import { TOOL_NAMES, type ToolName } from "../../core/tools/names";

/**
 * The Ask command as a state machine: planning stages (engines → model → tools → plan streaming),
 * the plan under review (lookups resolving, edits, removals), and the run. The reducer is pure;
 * askFlow.ts drives it, usePlan.ts holds it in React, AskView.tsx draws it.
 */
export type AskStage =
  | "idle"
  | "needs-engines" // the engines are not installed: the view asks before downloading them
  | "engines"
  | "model"
  | "selecting"
  | "planning"
  | "ready" // a valid plan, waiting for Run
  | "invalid" // a plan with problems: it never runs
  | "running"
  | "finished"
  | "failed"; // planning could not finish (no model, engine error...)

/** A task before the run ("planned", "looking-up") or during/after it (the executor's statuses). */
export type TaskPhase = "planned" | "looking-up" | TaskStatus;

export interface TaskState {
  phase: TaskPhase;
  script?: string;
  result?: string;
  note?: string;
  error?: string;
  /** The failure's AgentError code, to offer its fix. */
  code?: ErrorCode;
  elapsedMs?: number;
  /** Resolved before the confirmation; the run reuses the result instead of running it again. */
  lookedUp?: boolean;
}

export interface AskError {
  message: string;
  code: ErrorCode;
}

export interface AskState {
  query: string;
  stage: AskStage;
  /** A line about the current stage ("Installing on-device engines… 42 MB of 155 MB"). */
  progress?: string;
  selection?: ToolSelection;
  /** The tools the planner was offered: edited plans are validated against them. */
  offered: readonly ToolName[];
  /** The plan's actions as written (streamed, then edited), join included. Ids never change. */
  steps: PlanStep[];
  /** The validated plan, when `steps` pass validation. */
  plan?: Plan;
  problems: PlanProblem[];
  tasks: Record<number, TaskState>;
  /** The run's summary (the join's result). */
  summary?: string;
  error?: AskError;
  /** What installing the engines downloads (stage "needs-engines"), and why a try stopped, if one did. */
  engineInstall?: { bytes: number; stopped?: string };
  timingsMs?: Record<string, number>;
  /** The planner's text as written (shown with the problems of an invalid plan). */
  planText?: string;
  /** Why the planned plan does nothing, when it does nothing: shown instead of an empty list. */
  nothingToDo?: NothingToDo;
  /** The plan was changed by hand since the planner wrote it. */
  edited: boolean;
  /**
   * Which request this state is about: each "start" begins a new generation, and what the planning,
   * lookups and run of an earlier one still report is dropped (their task ids would name this
   * plan's tasks).
   */
  generation: number;
}

/** What planning a request, looking up its contacts and running its plan report (askFlow.ts). */
export type FlowEvent =
  | { type: "start"; query: string }
  | { type: "stage"; stage: "engines" | "model" | "selecting" | "planning"; progress?: string }
  /** Planning waits for the engines, which only install when the person says so. */
  | { type: "needs-engines"; bytes: number; stopped?: string }
  | { type: "pipeline"; event: PipelineEvent }
  | { type: "planned"; result: PipelineResult }
  /** A lookup's progress; `args` are the arguments it was started with (a task edited since ignores it). */
  | { type: "lookup"; event: ExecutionEvent; args: readonly PyValue[] }
  | { type: "run-started" }
  | { type: "executed"; event: ExecutionEvent }
  | { type: "run-finished" }
  | { type: "failed"; error: AskError };

/** A flow's event, stamped with the generation of the request it belongs to. */
export type StampedEvent = FlowEvent & { generation: number };

/** The person's changes to the plan on screen: they apply to whatever plan is shown. */
export type EditAction = { type: "edit"; taskId: number; args: PyValue[] } | { type: "remove"; taskIds: readonly number[] };

export type AskAction = StampedEvent | EditAction;

export function initialAskState(query: string): AskState {
  return { query, stage: "idle", offered: TOOL_NAMES, steps: [], problems: [], tasks: {}, edited: false, generation: 0 };
}

/** Stamps a flow's events with its generation before they reach the reducer. */
export const stamped =
  (dispatch: (action: AskAction) => void, generation: number) =>
  (event: FlowEvent): void =>
    dispatch({ ...event, generation });

export function askReducer(state: AskState, action: AskAction): AskState {
  if ("generation" in action) {
    // A newer request wins; an older one's late events (a run replanned away, a superseded plan) are dropped.
    if (action.type === "start") {
      if (action.generation <= state.generation) return state;
    } else if (action.generation !== state.generation) return state;
  }
  switch (action.type) {
    case "start":
      return { ...initialAskState(action.query), stage: "engines", generation: action.generation };
    case "stage":
      return { ...state, stage: action.stage, progress: action.progress };
    case "needs-engines":
      return {
        ...state,
        stage: "needs-engines",
        progress: undefined,
        engineInstall: { bytes: action.bytes, ...(action.stopped !== undefined ? { stopped: action.stopped } : {}) },
      };
    case "pipeline":
      return onPipelineEvent(state, action.event);
    case "planned": {
      const { validation } = action.result;
      const base = {
        ...state,
        progress: undefined,
        timingsMs: action.result.timingsMs,
        planText: action.result.planText,
        nothingToDo: nothingToDo(action.result),
      };
      if (!validation.ok) return { ...base, stage: "invalid", plan: undefined, problems: validation.problems };
      const steps = validation.plan.tasks;
      return { ...base, stage: "ready", plan: validation.plan, steps, problems: [], tasks: tasksFor(steps, state.tasks) };
    }
    case "lookup": {
      const step = state.steps.find((s) => s.id === action.event.taskId);
      if (!step || JSON.stringify(step.args) !== JSON.stringify(action.args) || state.stage === "running") return state;
      return withTask(state, action.event.taskId, lookupUpdate(action.event));
    }
    case "edit": {
      const steps = state.steps.map((s) => (s.id === action.taskId ? { ...s, args: action.args } : s));
      const tasks = { ...state.tasks, [action.taskId]: { phase: "planned" as const } };
      return revalidate({ ...state, steps, tasks, edited: true });
    }
    case "remove": {
      const gone = new Set(action.taskIds);
      const steps = state.steps.filter((s) => !gone.has(s.id));
      const tasks = Object.fromEntries(Object.entries(state.tasks).filter(([id]) => !gone.has(Number(id))));
      return revalidate({ ...state, steps, tasks, edited: true });
    }
    case "run-started": {
      const tasks = Object.fromEntries(
        state.steps.map((s) => {
          const t = state.tasks[s.id];
          return [s.id, t?.lookedUp && t.phase === "succeeded" ? t : { phase: "queued" as const }];
        }),
      );
      return { ...state, stage: "running", tasks, summary: undefined, error: undefined };
    }
    case "executed":
      return onExecutionEvent(state, action.event);
    case "run-finished":
      return { ...state, stage: "finished" };
    case "failed":
      return { ...state, stage: "failed", progress: undefined, error: action.error };
  }
}

function onPipelineEvent(state: AskState, e: PipelineEvent): AskState {
  switch (e.type) {
    case "normalized":
    case "delexicalized":
    case "syntax_error":
      return state;
    case "tools":
      return { ...state, stage: "planning", selection: e.selection, offered: e.selection.selected.map((s) => s.tool) };
    case "step":
      if (state.steps.some((s) => s.id === e.step.id)) return state;
      return { ...state, steps: [...state.steps, e.step], tasks: { ...state.tasks, [e.step.id]: { phase: "planned" } } };
  }
}

function lookupUpdate(e: ExecutionEvent): TaskState | undefined {
  switch (e.type) {
    case "queued":
      return undefined;
    case "started":
      return { phase: "looking-up", script: e.script };
    case "succeeded":
      return { phase: "succeeded", result: e.result, note: e.note, elapsedMs: e.elapsedMs, lookedUp: true };
    case "failed":
      return { phase: "failed", error: e.error, code: e.code, lookedUp: true };
    case "skipped":
    case "cancelled":
      return { phase: "planned" };
  }
}

function onExecutionEvent(state: AskState, e: ExecutionEvent): AskState {
  const step = state.steps.find((s) => s.id === e.taskId);
  if (step?.tool === "join" && e.type === "succeeded") return { ...withTask(state, e.taskId, { phase: "succeeded" }), summary: e.result };
  const current = state.tasks[e.taskId];
  switch (e.type) {
    case "queued":
      return current?.lookedUp && current.phase === "succeeded" ? state : withTask(state, e.taskId, { phase: "queued" });
    case "started":
      return withTask(state, e.taskId, { phase: "running", script: e.script });
    case "succeeded":
      return withTask(state, e.taskId, {
        phase: "succeeded",
        result: e.result,
        note: e.note,
        elapsedMs: e.elapsedMs,
        lookedUp: e.reused === true || undefined,
      });
    case "failed":
      return withTask(state, e.taskId, { phase: "failed", error: e.error, code: e.code, elapsedMs: e.elapsedMs });
    case "skipped":
      return withTask(state, e.taskId, { phase: "skipped", error: `Skipped: ${e.reason}.` });
    case "cancelled":
      return withTask(state, e.taskId, { phase: "cancelled" });
  }
}

function withTask(state: AskState, id: number, task: TaskState | undefined): AskState {
  if (!task || !state.steps.some((s) => s.id === id)) return state;
  return { ...state, tasks: { ...state.tasks, [id]: task } };
}

function tasksFor(steps: readonly PlanStep[], known: Record<number, TaskState>): Record<number, TaskState> {
  return Object.fromEntries(steps.map((s) => [s.id, known[s.id] ?? { phase: "planned" as const }]));
}

/** After an edit: the plan runs only if it still validates; otherwise its problems show. */
function revalidate(state: AskState): AskState {
  const validation = validatePlan(state.steps, { offeredTools: state.offered });
  const stage = state.stage === "running" ? state.stage : validation.ok ? "ready" : "invalid";
  return validation.ok
    ? { ...state, stage, plan: validation.plan, problems: [] }
    : { ...state, stage, plan: undefined, problems: validation.problems };
}

// Selectors: what the views and the flow read from the state.

/** The actions the list shows (join is the summary, not an item). */
export const visibleSteps = (state: AskState) => state.steps.filter((s) => s.tool !== "join");

/** True while something is happening that the list should show as loading. */
export function isBusy(state: AskState): boolean {
  if (["engines", "model", "selecting", "planning", "running"].includes(state.stage)) return true;
  return Object.values(state.tasks).some((t) => t.phase === "looking-up");
}

/** Results known so far (lookups, finished tasks), for naming references in the text. */
export function knownResults(state: AskState): Map<number, string> {
  const out = new Map<number, string>();
  for (const [id, t] of Object.entries(state.tasks)) if (t.phase === "succeeded" && t.result !== undefined) out.set(Number(id), t.result);
  return out;
}

/** Tasks settled so far in a run, out of all actions. */
export function runProgress(state: AskState): { settled: number; total: number; failed: number } {
  const actions = visibleSteps(state);
  const phases = actions.map((s) => state.tasks[s.id]?.phase);
  const settled = phases.filter((p) => p === "succeeded" || p === "failed" || p === "skipped" || p === "cancelled").length;
  return { settled, total: actions.length, failed: phases.filter((p) => p === "failed").length };
}
