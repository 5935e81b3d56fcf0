import { useCallback, useEffect, useReducer, useRef } from "react";
import type { PlanStep } from "../../agent/plan/planParser";
import type { PyValue } from "../../agent/plan/pythonLiteral";
import { asAskError, lookUp, planRequest, runPlan } from "../ask/askFlow";
import { askReducer, initialAskState, knownResults, stamped, type AskAction, type AskState, type EditAction } from "../ask/askState";
import { PlanLookups } from "../ask/planLookups";
import type { HistoryEntry } from "../../agent/runSession";
import type { Services } from "../services";
import type { Settings } from "../settings";

/** The plan as it will run, once its lookups have resolved: what a confirmation shows. */
export interface ReadyToRun {
  steps: readonly PlanStep[];
  /** Every result known (the lookups' included), by task id. */
  results: ReadonlyMap<number, string>;
  /** The settings read for this run. */
  settings: Settings;
}

/** What the view does at each step of Run Plan (toasts, the confirmation). */
export interface RunSteps {
  /** Contact lookups are still running: the run waits for them. */
  waitingForLookups?(): Promise<void> | void;
  /**
   * A plan that already ran: the run asks whatever the policy (it would do everything a second time).
   */
  again?: boolean;
  /** Whether to go ahead, asked (when the policy wants it) with the plan as it will run; false: nothing runs. */
  confirm?(ready: ReadyToRun): Promise<boolean>;
  /** The plan is about to start. */
  starting?(): Promise<void> | void;
}

export interface RunOutcome {
  entry: HistoryEntry;
  /** The run was stopped by a new request (Re-Plan): what it reported after that was dropped. */
  superseded: boolean;
}

export interface PlanControls {
  state: AskState;
  /** Plans `query` (again), dropping the current plan and stopping its run. */
  replan(query?: string): void;
  /**
   * Runs the plan after its lookups finish (so none runs twice, and the confirmation names their
   * results). Undefined when nothing ran: a run already in flight, no plan, not confirmed, or a
   * new request meanwhile. Throws what stopped it from starting (preferences that do not parse).
   */
  run(steps?: RunSteps): Promise<RunOutcome | undefined>;
  /** Stops what has not started yet. */
  cancel(): void;
  /**
   * Installs the engines (after the person agreed), reporting progress, then plans the request.
   * False when it did not finish: stopped (cancelInstall, the view closing; nothing is kept) or failed.
   */
  installEngines(onProgress?: (text: string) => void): Promise<boolean>;
  cancelInstall(): void;
  edit(taskId: number, args: PyValue[]): void;
  remove(taskIds: readonly number[]): void;
}

/** One request: its number (the reducer drops other generations' events), its planning, its lookups. */
interface Generation {
  id: number;
  planning: AbortController;
  lookups: PlanLookups;
}

const generationOf = (id: number): Generation => ({ id, planning: new AbortController(), lookups: new PlanLookups() });

/**
 * The Ask command's state in React: the askState reducer driven by askFlow. Plans as soon as it is
 * mounted with a request; every step of planning and running shows through `state`.
 */
export function usePlan(query: string, services: Services, options: { planText?: string } = {}): PlanControls {
  const [state, dispatch] = useReducer(askReducer, query, initialAskState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const generation = useRef<Generation>(generationOf(0));
  const running = useRef<AbortController | undefined>(undefined);
  const installing = useRef<AbortController | undefined>(undefined);
  // Set before Run Plan's first await: React state changes only on the next render, too late to
  // stop a second ⌘↵ pressed meanwhile.
  const runInFlight = useRef(false);
  const mounted = useRef(true);
  const safeDispatch = useCallback((action: AskAction) => {
    if (mounted.current) dispatch(action);
  }, []);

  const replan = useCallback(
    (next?: string, planText?: string) => {
      generation.current.planning.abort();
      running.current?.abort();
      const current = generationOf(generation.current.id + 1);
      generation.current = current;
      void planRequest(next ?? stateRef.current.query, services, stamped(safeDispatch, current.id), {
        signal: current.planning.signal,
        lookups: current.lookups,
        ...(planText !== undefined ? { planText } : {}),
      });
    },
    [services, safeDispatch],
  );

  useEffect(() => {
    mounted.current = true;
    if (query.trim() !== "") replan(query, options.planText);
    return () => {
      mounted.current = false;
      generation.current.planning.abort();
      running.current?.abort();
      installing.current?.abort();
    };
  }, []);

  const run = useCallback(
    async (steps: RunSteps = {}) => {
      if (runInFlight.current) return undefined;
      runInFlight.current = true;
      try {
        const current = generation.current;
        if (current.lookups.busy) await steps.waitingForLookups?.();
        await current.lookups.settled();
        const { plan, steps: lines, query: request } = stateRef.current;
        if (current !== generation.current || !plan) return undefined;
        const settings = services.readSettings();
        const precomputed = current.lookups.reusable(plan);
        const results = new Map(knownResults(stateRef.current));
        for (const [id, output] of precomputed) results.set(id, output.result);
        const controller = new AbortController();
        const send = stamped(safeDispatch, current.id);
        const entry = await runPlan(request, plan, services, settings, send, {
          signal: controller.signal,
          precomputed,
          ...(steps.again ? { policy: "everything" as const } : {}),
          confirm: async () => (steps.confirm ? steps.confirm({ steps: lines, results, settings }) : true),
          starting: async () => {
            if (current !== generation.current) return false;
            await steps.starting?.();
            running.current = controller;
            return true;
          },
        });
        return entry ? { entry, superseded: current !== generation.current } : undefined;
      } finally {
        runInFlight.current = false;
      }
    },
    [services, safeDispatch],
  );

  const cancel = useCallback(() => running.current?.abort(), []);

  const installEngines = useCallback(
    async (onProgress?: (text: string) => void) => {
      if (installing.current) return false;
      const controller = new AbortController();
      installing.current = controller;
      const send = stamped(safeDispatch, generation.current.id);
      const bytes = stateRef.current.engineInstall?.bytes ?? 0;
      const progress = (text: string) => {
        send({ type: "stage", stage: "engines", progress: text });
        onProgress?.(text);
      };
      progress("Starting the install…");
      try {
        await services.prepareEngines(progress, controller.signal);
      } catch (error) {
        const stopped = controller.signal.aborted ? "The install was stopped; nothing was kept." : asAskError(error).message;
        send({ type: "needs-engines", bytes, stopped });
        return false;
      } finally {
        installing.current = undefined;
      }
      replan();
      return true;
    },
    [services, safeDispatch, replan],
  );
  const cancelInstall = useCallback(() => installing.current?.abort(), []);

  /**
   * Applies an edit or a removal, then looks up what it changed (if the policy allows): the edited
   * task with its new arguments, or every lookup of a plan that was not valid before (it was never
   * looked up) and is now.
   */
  const change = useCallback(
    (action: EditAction, edited?: number) => {
      const before = stateRef.current;
      dispatch(action);
      const plan = askReducer(before, action).plan;
      if (!plan) return;
      let ids: number[] | undefined; // all of them
      if (before.plan !== undefined) {
        // A removal from a valid plan leaves its lookups as they were.
        if (edited === undefined) return;
        ids = [edited];
      }
      const current = generation.current;
      const send = stamped(safeDispatch, current.id);
      const again = async () => lookUp(plan, services, services.readSettings(), send, current.planning.signal, ids);
      // A lookup that cannot run leaves the task to run with the plan.
      current.lookups.track(again()).catch(() => undefined);
    },
    [services, safeDispatch],
  );
  const edit = useCallback((taskId: number, args: PyValue[]) => change({ type: "edit", taskId, args }, taskId), [change]);
  const remove = useCallback((taskIds: readonly number[]) => change({ type: "remove", taskIds }), [change]);

  return { state, replan: (q?: string) => replan(q), run, cancel, installEngines, cancelInstall, edit, remove };
}
