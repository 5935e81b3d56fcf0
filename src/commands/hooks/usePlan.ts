import { useCallback, useEffect, useReducer, useRef } from "react";
import type { PyValue } from "../../agent/plan/pythonLiteral";
import { lookUp, planRequest, runPlan } from "../ask/askFlow";
import { askReducer, initialAskState, precomputedResults, type AskAction, type AskState } from "../ask/askState";
import type { HistoryEntry } from "../history/historyStore";
import type { Services } from "../services";

export interface PlanControls {
  state: AskState;
  /** Plans `query` (again), dropping the current plan. */
  replan(query?: string): void;
  /** Runs the plan (after lookups in flight finish, so none runs twice). Resolves when the run ends. */
  run(): Promise<HistoryEntry | undefined>;
  /** Stops what has not started yet. */
  cancel(): void;
  edit(taskId: number, args: PyValue[]): void;
  remove(taskIds: readonly number[]): void;
}

/**
 * The Ask command's state in React: the askState reducer driven by askFlow. Plans as soon as it is
 * mounted with a request; every step of planning and running shows through `state`.
 */
export function usePlan(query: string, services: Services, options: { planText?: string } = {}): PlanControls {
  const [state, dispatch] = useReducer(askReducer, query, initialAskState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const planning = useRef<AbortController | undefined>(undefined);
  const running = useRef<AbortController | undefined>(undefined);
  const pending = useRef<Promise<void>>(Promise.resolve());
  const mounted = useRef(true);
  const safeDispatch = useCallback((action: AskAction) => {
    if (mounted.current) dispatch(action);
  }, []);

  const replan = useCallback(
    (next?: string, planText?: string) => {
      planning.current?.abort();
      const controller = new AbortController();
      planning.current = controller;
      pending.current = planRequest(next ?? stateRef.current.query, services, safeDispatch, {
        signal: controller.signal,
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
      planning.current?.abort();
      running.current?.abort();
    };
  }, []);

  const run = useCallback(async () => {
    await pending.current;
    const current = stateRef.current;
    if (!current.plan || current.stage === "running") return undefined;
    const controller = new AbortController();
    running.current = controller;
    return runPlan(current, current.plan, precomputedResults(current), services, safeDispatch, controller.signal);
  }, [services, safeDispatch]);

  const cancel = useCallback(() => running.current?.abort(), []);

  const edit = useCallback(
    (taskId: number, args: PyValue[]) => {
      dispatch({ type: "edit", taskId, args });
      // The edited task is looked up again (if it is a lookup and the policy allows), with its new arguments.
      const after = askReducer(stateRef.current, { type: "edit", taskId, args });
      if (after.plan && planning.current) {
        const plan = after.plan;
        const signal = planning.current.signal;
        pending.current = pending.current.then(() =>
          lookUp(plan, services, services.readSettings(), safeDispatch, signal, [taskId]).catch(() => undefined),
        );
      }
    },
    [services, safeDispatch],
  );

  const remove = useCallback((taskIds: readonly number[]) => dispatch({ type: "remove", taskIds }), []);

  return { state, replan: (q?: string) => replan(q), run, cancel, edit, remove };
}
