import {
  Action,
  ActionPanel,
  Alert,
  Color,
  confirmAlert,
  Icon,
  Keyboard,
  launchCommand,
  LaunchType,
  List,
  openExtensionPreferences,
  popToRoot,
  showToast,
  Toast,
} from "@raycast/api";
import { createDeeplink, showFailureToast } from "@raycast/utils";
import { useEffect, useMemo, useRef, useState } from "react";
import type { NothingToDo } from "../../agent/nothingToDo";
import type { PlanStep } from "../../agent/plan/planParser";
import { serializePlan } from "../../agent/plan/serializePlan";
import { formatBytes } from "../../core/util/formatBytes";
import { fixFor, type Fix } from "../errorFixes";
import { performFix } from "../fixActions";
import { usePlan, type PlanControls } from "../hooks/usePlan";
import { useServices } from "../hooks/useServices";
import { phaseIcon, phaseLabel, toolIcon } from "../icons";
import { downloadWithToast } from "../models/downloadWithToast";
import { choosePlanner } from "../models/plannerChoice";
import type { Services } from "../services";
import type { Settings } from "../settings";
import { asAskError, confirmationText, runAgainText } from "./askFlow";
import { dependentsOf } from "../../agent/plan/dag";
import { markdownFence, markdownText, showInline } from "../../core/util/displayText";
import { isBusy, knownResults, runProgress, visibleSteps, type AskState } from "./askState";
import { EditTaskForm } from "./EditTaskForm";
import { TaskDetail } from "./TaskDetail";
import { contextOf, dependencyText, taskSubtitle, taskTitle, type TaskContext } from "./taskText";

const STAGE_TITLES: Partial<Record<AskState["stage"], string>> = {
  engines: "Preparing On-Device Engines",
  model: "Loading the Planner Model",
  selecting: "Selecting Tools…",
  planning: "Writing the Plan…",
};

/** The empty view of a plan that does nothing, by why (the message says the rest). */
const NOTHING_TO_DO_VIEW: Record<NothingToDo["reason"], { icon: Icon; title: string }> = {
  needs_time: { icon: Icon.Clock, title: "Say When" },
  needs_value: { icon: Icon.QuestionMarkCircle, title: "Say Which" },
  out_of_scope: { icon: Icon.QuestionMarkCircle, title: "Nothing to Do" },
};

/** Settings for showing things (script previews): a preference error shows when planning, not here. */
function settingsOrDefaults(services: Services): Settings {
  try {
    return services.readSettings();
  } catch {
    return { confirmation: "sideEffects", enabledApps: [] };
  }
}

/** The first-run consent: what the engine install is, how big, and what closing the window does. */
function engineInstallMarkdown(bytes: number, stopped: string | undefined): string {
  return [
    "### Install the On-Device Engines",
    ...(stopped ? [`**${markdownText(stopped)}**`] : []),
    "TinyAgent plans on this Mac with two engines, node-llama-cpp and onnxruntime-node. A Raycast extension " +
      `cannot include them, so they are downloaded once: **${formatBytes(bytes)}** from the npm registry, each ` +
      "file checked against the hash pinned in this version of TinyAgent, into TinyAgent's support folder.",
    "The models ship with TinyAgent, so nothing else is downloaded. Your requests never leave this Mac.",
    "Keep this window open while it installs: if it closes, the install stops, nothing is kept, and the next request offers it again.",
  ].join("\n\n");
}

/** Cancel asks first wherever it is offered (the action and the run's toast alike): ↵ alone must not stop a run. */
async function askToCancel(controls: PlanControls): Promise<void> {
  const stop = await confirmAlert({
    title: "Cancel the Run?",
    message: "Tasks that have not started will not run. A task already running finishes or stops; its result says which.",
    icon: Icon.Stop,
    primaryAction: { title: "Cancel Run", style: Alert.ActionStyle.Destructive },
    dismissAction: { title: "Keep Running" },
  });
  if (stop) controls.cancel();
}

/**
 * Ask TinyAgent: the request in the search bar, the plan as a list (one item per task), its detail
 * pane, and the actions to edit, run and save it. All state lives in usePlan.
 */
export function AskView(props: { query: string; planText?: string }) {
  const services = useServices();
  const controls = usePlan(props.query, services, props.planText !== undefined ? { planText: props.planText } : {});
  const { state } = controls;
  const [searchText, setSearchText] = useState(props.query);
  const settings = useMemo(() => settingsOrDefaults(services), [services]);
  const previewTools = useMemo(() => services.previewTools(settings), [services, settings]);
  const runToast = useRef<Toast | undefined>(undefined);

  const steps = visibleSteps(state);
  const results = knownResults(state);
  const ctx = contextOf(state.steps, results);

  const replan = (query?: string) => {
    const next = (query ?? searchText).trim();
    if (next === "") return;
    setSearchText(next);
    controls.replan(next);
  };

  const downloadModel = async () => {
    try {
      const { entry } = choosePlanner(services.manifest, settings.plannerModel);
      if (await downloadWithToast(services, entry)) replan(state.query);
    } catch (error) {
      await showFailureToast(error, { title: "Could Not Download the Model" });
    }
  };
  const fixHandlers = { retry: () => replan(state.query), downloadModel: () => void downloadModel() };

  // Planning failed: say so with the fix.
  useEffect(() => {
    if (state.stage !== "failed" || !state.error) return;
    const fix = fixFor(state.error.code);
    void showToast({
      style: Toast.Style.Failure,
      title: "Could Not Plan",
      message: showInline(state.error.message),
      ...(fix ? { primaryAction: { title: fix.title, onAction: () => void performFix(fix, fixHandlers) } } : {}),
    });
  }, [state.stage, state.error]);

  // The run's toast counts progress, then says how it ended.
  useEffect(() => {
    const toast = runToast.current;
    if (!toast) return;
    const { settled, total, failed } = runProgress(state);
    if (state.stage === "running") {
      toast.message = `${settled} of ${total} done`;
      return;
    }
    if (state.stage !== "finished") return;
    runToast.current = undefined;
    const cancelled = steps.some((s) => state.tasks[s.id]?.phase === "cancelled");
    const firstFailure = steps.find((s) => state.tasks[s.id]?.phase === "failed");
    const fix = firstFailure ? fixFor(state.tasks[firstFailure.id]?.code, firstFailure.tool) : undefined;
    toast.style = failed > 0 ? Toast.Style.Failure : Toast.Style.Success;
    toast.title = cancelled ? "Run Cancelled" : failed > 0 ? `${failed} of ${total} Tasks Failed` : "Plan Done";
    toast.message = state.summary;
    toast.primaryAction = fix ? { title: fix.title, onAction: () => void performFix(fix, fixHandlers) } : undefined;
  }, [state]);

  const installEngines = async () => {
    const toast = await showToast({
      style: Toast.Style.Animated,
      title: "Installing On-Device Engines",
      message: "Starting…",
      primaryAction: { title: "Cancel", onAction: () => controls.cancelInstall() },
    });
    const done = await controls.installEngines((text) => {
      toast.message = text;
    });
    toast.primaryAction = undefined;
    toast.style = done ? Toast.Style.Success : Toast.Style.Failure;
    toast.title = done ? "On-Device Engines Installed" : "Engines Not Installed";
    toast.message = done ? undefined : "Nothing was kept. Install them again from the list.";
  };

  /** Runs the plan; `again` (a plan that already ran) always asks first, whatever the policy. */
  const runPlan = async (again = false) => {
    let waiting: Toast | undefined;
    try {
      const outcome = await controls.run({
        waitingForLookups: async () => {
          waiting = await showToast({ style: Toast.Style.Animated, title: "Looking Up Contacts…" });
        },
        again,
        confirm: async ({ steps: lines, results }) => {
          await waiting?.hide();
          waiting = undefined;
          if (again) {
            const { title, message } = runAgainText(lines, contextOf(lines, results));
            return confirmAlert({ title, message, icon: Icon.Repeat, primaryAction: { title: "Run Again" } });
          }
          const { title, message } = confirmationText(lines, contextOf(lines, results));
          return confirmAlert({ title, message, icon: Icon.Play, primaryAction: { title: "Run Plan" } });
        },
        starting: async () => {
          // Without a confirmation (the policy did not ask), the lookups' toast is still up.
          await waiting?.hide();
          waiting = undefined;
          runToast.current = await showToast({
            style: Toast.Style.Animated,
            title: "Running Plan",
            message: `0 of ${steps.length} done`,
            primaryAction: { title: "Cancel", onAction: () => void askToCancel(controls) },
          });
        },
      });
      // A new request came while the lookups were awaited: nothing ran.
      await waiting?.hide();
      const toast = runToast.current;
      if (outcome?.superseded && toast) {
        runToast.current = undefined;
        toast.style = Toast.Style.Failure;
        toast.title = "Run Cancelled";
        toast.message = "Stopped for the new request.";
        toast.primaryAction = undefined;
      }
    } catch (error) {
      // Nothing started (the preferences could not be read...), or the run broke off: say so, with the fix.
      const toast = runToast.current ?? waiting;
      runToast.current = undefined;
      const { message, code } = asAskError(error);
      const fix = fixFor(code);
      const failure = {
        style: Toast.Style.Failure,
        title: "Could Not Run the Plan",
        message,
        primaryAction: fix ? { title: fix.title, onAction: () => void performFix(fix, fixHandlers) } : undefined,
      };
      if (toast) Object.assign(toast, failure);
      else await showToast(failure);
    }
  };

  const removeTask = async (step: PlanStep) => {
    const dependents = dependentsOf(state.steps, step.id);
    if (dependents.length > 0) {
      const names = dependents.map(
        (id) =>
          `#${id} ${taskTitle(
            state.steps.find((s) => s.id === id)!,
            ctx,
          )}`,
      );
      const confirmed = await confirmAlert({
        title: `Remove ${dependents.length + 1} Tasks?`,
        message: `${names.join("\n")}\n\n${dependents.length === 1 ? "uses" : "use"} the result of #${step.id} and will be removed too.`,
        primaryAction: { title: `Remove ${dependents.length + 1} Tasks`, style: Alert.ActionStyle.Destructive },
      });
      if (!confirmed) return;
    }
    controls.remove([step.id, ...dependents]);
  };

  const stageTitle = STAGE_TITLES[state.stage];
  const showDetail = steps.length > 0 || state.stage === "needs-engines";
  const actions: PlanActionsProps = {
    state,
    controls,
    searchText,
    ctx,
    onRun: () => void runPlan(),
    onRunAgain: () => void runPlan(true),
    onInstallEngines: () => void installEngines(),
    onNewRequest: () => setSearchText(""),
    onReplan: replan,
    fixHandlers,
  };

  return (
    <List
      isLoading={isBusy(state)}
      filtering={false}
      searchText={searchText}
      onSearchTextChange={setSearchText}
      searchBarPlaceholder="Text Sid that I'm running late"
      isShowingDetail={showDetail}
      actions={<PlanActions {...actions} />}
    >
      {state.stage === "idle" && (
        <List.EmptyView
          icon={{ source: "icon.png" }}
          title="Ask TinyAgent"
          description="Type a request, e.g. “Invite Sid to a sync tomorrow at 2 and text him the Zoom link”, then press ↵."
          actions={<PlanActions {...actions} />}
        />
      )}
      {state.nothingToDo && steps.length === 0 && (state.stage === "ready" || state.stage === "finished") && (
        <List.EmptyView
          icon={{ source: NOTHING_TO_DO_VIEW[state.nothingToDo.reason].icon }}
          title={NOTHING_TO_DO_VIEW[state.nothingToDo.reason].title}
          description={state.nothingToDo.message}
          actions={<PlanActions {...actions} />}
        />
      )}
      {state.stage === "needs-engines" && state.engineInstall && (
        <List.Item
          key="engines"
          id="engines"
          icon={{ source: Icon.Download, tintColor: Color.Blue }}
          title="Install the On-Device Engines"
          subtitle={`${formatBytes(state.engineInstall.bytes)}, once`}
          detail={<List.Item.Detail markdown={engineInstallMarkdown(state.engineInstall.bytes, state.engineInstall.stopped)} />}
          actions={<PlanActions {...actions} />}
        />
      )}
      {state.problems.length > 0 && (
        <List.Section title="The Plan Is Not Valid, So It Cannot Run">
          {state.problems.map((p, i) => (
            <List.Item
              key={`problem-${i}`}
              id={`problem-${i}`}
              icon={{ source: Icon.Warning, tintColor: Color.Red }}
              title={showInline(p.message)}
              detail={
                <List.Item.Detail
                  markdown={`**${markdownText(p.message)}**\n\n${markdownFence(state.planText ?? serializePlan(state.steps))}`}
                />
              }
              actions={<PlanActions {...actions} />}
            />
          ))}
        </List.Section>
      )}
      <List.Section title={steps.length > 0 ? (state.query ? `Plan for “${showInline(state.query)}”` : "Plan") : undefined}>
        {steps.map((step) => (
          <TaskItem key={step.id} step={step} {...actions} previewTools={previewTools} onRemove={() => void removeTask(step)} />
        ))}
        {stageTitle && (
          <List.Item
            key="stage"
            id="stage"
            icon={{ source: Icon.CircleProgress, tintColor: Color.Blue }}
            title={stageTitle}
            subtitle={state.progress ?? (state.stage === "planning" ? `${state.offered.length} tools offered` : undefined)}
            detail={showDetail ? <List.Item.Detail markdown={`### ${stageTitle}\n\n${state.progress ?? ""}`} /> : undefined}
            actions={<PlanActions {...actions} />}
          />
        )}
        {(state.stage === "running" || state.stage === "finished") && <SummaryItem {...actions} />}
      </List.Section>
      {state.stage === "failed" && state.error && (
        <List.Item
          key="error"
          id="error"
          icon={{ source: Icon.XMarkCircle, tintColor: Color.Red }}
          title="Could Not Plan"
          subtitle={showInline(state.error.message)}
          detail={showDetail ? <List.Item.Detail markdown={`**Could not plan:** ${markdownText(state.error.message)}`} /> : undefined}
          actions={<PlanActions {...actions} fix={fixFor(state.error.code)} />}
        />
      )}
    </List>
  );
}

interface PlanActionsProps {
  state: AskState;
  controls: PlanControls;
  searchText: string;
  ctx: TaskContext;
  onRun: () => void;
  /** Runs a plan that already ran, after asking. */
  onRunAgain: () => void;
  /** Clears the search bar for the next request. */
  onNewRequest: () => void;
  /** Installs the engines, after the person agreed (the first run). */
  onInstallEngines: () => void;
  onReplan: (query?: string) => void;
  fixHandlers: { retry: () => void; downloadModel: () => void };
  /** The task the actions are for. */
  step?: PlanStep;
  onRemove?: () => void;
  fix?: Fix;
  /** The result to copy (a finished task). */
  result?: string;
}

function PlanActions(props: PlanActionsProps) {
  const { state, step, searchText } = props;
  const query = searchText.trim();
  const planned = state.steps.length > 0 ? serializePlan(state.steps) : undefined;
  const running = state.stage === "running";
  const finished = state.stage === "finished";
  const installing = state.stage === "engines" && state.engineInstall !== undefined;
  const canRun = state.plan !== undefined && state.stage === "ready";
  const newRequest = query !== "" && query !== state.query;
  const consent = state.stage === "needs-engines" && !newRequest;
  const quicklinkQuery = state.query || query;
  // The first two actions get ↵ and ⌘↵ from Raycast; every other shortcut is unique in this panel
  // (tests/commands/shortcuts.test.tsx). After a run, ↵ never runs the plan again.
  return (
    <ActionPanel>
      {!running && (newRequest || (state.stage === "idle" && query !== "")) && (
        <Action title="Plan Request" icon={Icon.Stars} onAction={() => props.onReplan(query)} />
      )}
      {props.fix && (
        <Action title={props.fix.title} icon={Icon.WrenchScrewdriver} onAction={() => void performFix(props.fix!, props.fixHandlers)} />
      )}
      {running && (
        <Action title="Cancel Run" icon={Icon.Stop} style={Action.Style.Destructive} onAction={() => void askToCancel(props.controls)} />
      )}
      {consent && <Action title="Install Engines" icon={Icon.Download} onAction={props.onInstallEngines} />}
      {consent && <Action title="Cancel" icon={Icon.XMarkCircle} onAction={() => void popToRoot()} />}
      {installing && (
        <Action title="Cancel Install" icon={Icon.Stop} style={Action.Style.Destructive} onAction={props.controls.cancelInstall} />
      )}
      {canRun && <Action title="Run Plan" icon={Icon.Play} onAction={props.onRun} />}
      {finished && !newRequest && <Action title="New Request" icon={Icon.PlusCircle} onAction={props.onNewRequest} />}
      {step && (state.stage === "ready" || state.stage === "invalid") && (
        <Action.Push
          title="Edit Task"
          icon={Icon.Pencil}
          shortcut={Keyboard.Shortcut.Common.Edit}
          target={<EditTaskForm step={step} steps={state.steps} offered={state.offered} onSave={props.controls.edit} />}
        />
      )}
      {props.result !== undefined && <Action.CopyToClipboard title="Copy Result" content={props.result} />}
      <ActionPanel.Section>
        {finished && state.plan !== undefined && (
          <Action
            title="Run Plan Again…"
            icon={Icon.Repeat}
            shortcut={{ modifiers: ["cmd", "shift"], key: "return" }}
            onAction={props.onRunAgain}
          />
        )}
        {step && props.onRemove && !running && state.stage !== "finished" && (
          <Action
            title="Remove Task"
            icon={Icon.Trash}
            style={Action.Style.Destructive}
            shortcut={Keyboard.Shortcut.Common.Remove}
            onAction={props.onRemove}
          />
        )}
        {state.query !== "" && !running && (
          <Action
            title="Re-Plan"
            icon={Icon.ArrowClockwise}
            shortcut={Keyboard.Shortcut.Common.Refresh}
            onAction={() => props.onReplan(state.query)}
          />
        )}
        {planned && <Action.CopyToClipboard title="Copy Plan" content={planned} shortcut={Keyboard.Shortcut.Common.Copy} />}
        {quicklinkQuery !== "" && (
          <Action.CreateQuicklink
            title="Save as Quicklink"
            shortcut={Keyboard.Shortcut.Common.Save}
            quicklink={{
              name: `TinyAgent: ${quicklinkQuery}`,
              link: createDeeplink({ command: "ask", arguments: { query: quicklinkQuery } }),
            }}
          />
        )}
      </ActionPanel.Section>
      <ActionPanel.Section>
        <Action title="Open Model Settings" icon={Icon.Gear} onAction={() => void openExtensionPreferences()} />
        <Action
          title="Manage Models"
          icon={Icon.ComputerChip}
          onAction={() => void launchCommand({ name: "models", type: LaunchType.UserInitiated })}
        />
      </ActionPanel.Section>
    </ActionPanel>
  );
}

function TaskItem(props: PlanActionsProps & { step: PlanStep; previewTools: ReturnType<Services["previewTools"]> }) {
  const { step, state, ctx } = props;
  const task = state.tasks[step.id] ?? { phase: "planned" as const };
  const ran = state.stage === "running" || state.stage === "finished";
  const deps = dependencyText(step);
  const accessories: List.Item.Accessory[] = [];
  if (deps) accessories.push({ text: deps, tooltip: `Uses the results of ${deps.slice("after ".length)}` });
  if (task.phase !== "planned")
    accessories.push({ icon: phaseIcon(task.phase), text: phaseLabel(task.phase), tooltip: task.error ?? task.note });
  accessories.push({ text: `#${step.id}` });
  const fix = task.phase === "failed" ? fixFor(task.code, step.tool) : undefined;
  return (
    <List.Item
      id={`task-${step.id}`}
      icon={ran && task.phase !== "planned" ? phaseIcon(task.phase) : toolIcon(step.tool)}
      title={taskTitle(step, ctx)}
      subtitle={taskSubtitle(step, ctx)}
      accessories={accessories}
      detail={<TaskDetail step={step} task={task} ctx={ctx} previewTools={props.previewTools} />}
      actions={<PlanActions {...props} step={step} fix={fix} result={task.phase === "succeeded" ? task.result : undefined} />}
    />
  );
}

function SummaryItem(props: PlanActionsProps) {
  const { state } = props;
  const { settled, total, failed } = runProgress(state);
  const done = state.stage === "finished";
  const title = done ? (failed > 0 ? "Finished with Problems" : "Finished") : `Running… ${settled} of ${total} Done`;
  const lines = visibleSteps(state).map((s) => {
    const t = state.tasks[s.id];
    const outcome = t?.error ?? t?.result ?? "";
    return `- **#${s.id} ${markdownText(taskTitle(s, props.ctx))}** — ${phaseLabel(t?.phase ?? "planned")}${outcome ? `: ${markdownText(outcome.split("\n")[0]!)}` : ""}`;
  });
  return (
    <List.Item
      id="summary"
      icon={
        done
          ? { source: Icon.Flag, tintColor: failed > 0 ? Color.Red : Color.Green }
          : { source: Icon.CircleProgress, tintColor: Color.Blue }
      }
      title={title}
      subtitle={state.summary === undefined ? undefined : showInline(state.summary)}
      detail={<List.Item.Detail markdown={[`## ${title}`, markdownText(state.summary ?? ""), ...lines].join("\n\n")} />}
      actions={<PlanActions {...props} result={state.summary} />}
    />
  );
}
