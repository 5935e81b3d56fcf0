import { AgentError, describeCause } from "../../core/errors";
import type { ToolOutput } from "../../core/tools/toolOutput";
import { lookupTasks, resolveLookups } from "../../agent/lookups";
import { runPipeline, type PipelineStages } from "../../agent/pipeline";
import type { Plan } from "../../agent/plan/plan";
import { toolsOfApps } from "../../tools/catalog";
import { givenPlanStages, modelStages } from "../../agent/pipelineStages";
import { createToolSelector } from "../../agent/toolSelector";
import { runSession, type ConfirmationPolicy, type HistoryEntry } from "../../agent/runSession";
import { choosePlanner } from "../models/plannerChoice";
import type { Services } from "../services";
import type { Settings } from "../settings";
import type { AskError, FlowEvent } from "./askState";
import type { LookedUp, PlanLookups } from "./planLookups";
import { contextOf, sideEffectText, taskTitle, type TaskContext } from "./taskText";
import type { PlanStep } from "../../agent/plan/planParser";

/**
 * What the Ask command does, as plain async functions that report through `dispatch` (the
 * askState reducer's events): plan a request, resolve its lookups, run it. No React, no Raycast.
 */
export type Dispatch = (event: FlowEvent) => void;

export interface PlanRequestOptions {
  signal: AbortSignal;
  /** Where the plan's lookups are kept (Run Plan waits for them and reuses their results). */
  lookups: PlanLookups;
  /** A plan to show instead of asking the planner (re-opened from History). */
  planText?: string;
}

/**
 * engines → planner model → tool selection → the plan, streamed → lookups (when the confirmation
 * policy allows), kept in `options.lookups`. Errors are dispatched as "failed", not thrown.
 */
export async function planRequest(query: string, services: Services, dispatch: Dispatch, options: PlanRequestOptions): Promise<void> {
  const { signal } = options;
  const send: Dispatch = (event) => {
    if (!signal.aborted) dispatch(event);
  };
  send({ type: "start", query });
  try {
    const settings = services.readSettings();
    const enabledTools = toolsOfApps(settings.enabledApps);
    const stages =
      options.planText !== undefined
        ? givenPlanStages(options.planText, createToolSelector({ enabledTools }))
        : await raycastModelStages(services, settings, send);
    if (signal.aborted || stages === undefined) return;
    send({ type: "stage", stage: "selecting" });
    const result = await runPipeline(query, services.now(), stages, { signal, onEvent: (event) => send({ type: "pipeline", event }) });
    send({ type: "planned", result });
    if (result.validation.ok) await options.lookups.track(lookUp(result.validation.plan, services, settings, send, signal));
  } catch (error) {
    if (!signal.aborted) send({ type: "failed", error: asAskError(error) });
  }
}

/** The model stages, once the engines are there; undefined (and "needs-engines" sent) while they are not. */
async function raycastModelStages(services: Services, settings: Settings, send: Dispatch): Promise<PipelineStages | undefined> {
  send({ type: "stage", stage: "engines", progress: "Checking the on-device engines…" });
  const install = await services.enginesToInstall();
  if (install) {
    send({ type: "needs-engines", bytes: install.bytes });
    return undefined;
  }
  await services.prepareEngines((progress) => send({ type: "stage", stage: "engines", progress }));
  const { entry } = choosePlanner(services.manifest, settings.plannerModel);
  return modelStages(services.toolSelector(toolsOfApps(settings.enabledApps)), {
    entry,
    store: services.store,
    manifest: services.manifest,
    examples: services.examples,
    customInstructions: settings.customInstructions,
    threads: settings.threads,
    onLoad: () => send({ type: "stage", stage: "model", progress: `Loading ${entry.title}…` }),
  });
}

/**
 * Resolves the plan's lookups (all of them, or those in `ids`) unless the policy says nothing runs
 * before the confirmation. Resolves with the results, and the arguments each was looked up with.
 */
export async function lookUp(
  plan: Plan,
  services: Services,
  settings: Settings,
  dispatch: Dispatch,
  signal: AbortSignal,
  ids?: readonly number[],
): Promise<LookedUp[]> {
  if (settings.confirmation === "everything") return [];
  const wanted = lookupTasks(plan).filter((t) => ids === undefined || ids.includes(t.id));
  if (wanted.length === 0) return [];
  const argsOf = new Map(wanted.map((t) => [t.id, t.args]));
  const subset: Plan = { tasks: [...wanted, plan.tasks[plan.tasks.length - 1]!] };
  const results = await resolveLookups(subset, {
    tools: services.runTools(settings),
    signal,
    onEvent: (event) => {
      if (!signal.aborted) dispatch({ type: "lookup", event, args: argsOf.get(event.taskId) ?? [] });
    },
  });
  if (signal.aborted) return [];
  return [...results].map(([taskId, output]) => ({ taskId, args: argsOf.get(taskId) ?? [], output }));
}

/**
 * Runs a validated plan through the run session with the settings read for this run (its tools,
 * its confirmation policy unless `policy` says otherwise), reusing resolved lookups, and records
 * it in History. Once started, the run always ends with "run-finished", also when the executor
 * throws. Undefined when nothing ran (not confirmed, or `starting` said no).
 */
export async function runPlan(
  query: string,
  plan: Plan,
  services: Services,
  settings: Settings,
  dispatch: Dispatch,
  options: {
    signal: AbortSignal;
    precomputed: ReadonlyMap<number, ToolOutput>;
    policy?: ConfirmationPolicy;
    confirm(plan: Plan): Promise<boolean>;
    starting?(): Promise<boolean>;
  },
): Promise<HistoryEntry | undefined> {
  let started = false;
  try {
    const result = await runSession(query, plan, {
      tools: services.runTools(settings),
      policy: options.policy ?? settings.confirmation,
      confirm: options.confirm,
      starting: async () => {
        if (options.starting && !(await options.starting())) return false;
        started = true;
        dispatch({ type: "run-started" });
        return true;
      },
      signal: options.signal,
      precomputed: options.precomputed,
      onEvent: (event) => dispatch({ type: "executed", event }),
      record: (entry) => services.history.add(entry),
    });
    return result.ran ? result.entry : undefined;
  } finally {
    if (started) dispatch({ type: "run-finished" });
  }
}

/** The confirmation's title and text: every side effect, who gets what; then what else runs. */
export function confirmationText(lines: readonly PlanStep[], ctx: TaskContext = contextOf(lines)): { title: string; message: string } {
  const actions = lines.filter((l) => l.tool !== "join");
  const effects = actions.map((l) => sideEffectText(l, ctx)).filter((t): t is string => t !== undefined);
  const reads = actions.filter((l) => sideEffectText(l, ctx) === undefined && !ctx.results.has(l.id)).map((l) => taskTitle(l, ctx));
  const parts = effects.map((e) => `• ${e}`);
  if (reads.length > 0) parts.push(`${effects.length > 0 ? "Also: " : ""}${reads.join("; ")}.`);
  const title = effects.length === 0 ? "Run This Plan?" : effects.length === 1 ? "Run 1 Action?" : `Run ${effects.length} Actions?`;
  return { title, message: parts.join("\n") };
}

/**
 * Running a finished plan again always asks, whatever the policy: the text names every side effect
 * that would happen a second time (a second text message, a second event).
 */
export function runAgainText(lines: readonly PlanStep[], ctx: TaskContext = contextOf(lines)): { title: string; message: string } {
  const effects = lines
    .filter((l) => l.tool !== "join")
    .map((l) => sideEffectText(l, ctx))
    .filter((t): t is string => t !== undefined);
  if (effects.length === 0)
    return { title: "Run the Plan Again?", message: "It changes and sends nothing; it only looks things up again." };
  return {
    title: "Run the Plan Again?",
    message: `It already ran. Running it again does all of this a second time:\n${effects.map((e) => `• ${e}`).join("\n")}`,
  };
}

export function asAskError(error: unknown): AskError {
  if (error instanceof AgentError) return { message: error.message, code: error.code };
  return { message: `Something went wrong: ${describeCause(error)}`, code: "internal" };
}
