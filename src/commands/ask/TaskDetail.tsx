import { List } from "@raycast/api";
import type { ToolImplementations } from "../../tools/toolContract";
import type { PlanStep } from "../../agent/plan/planParser";
import { isToolName, TOOLS } from "../../tools/catalog";
import { markdownFence, markdownText, showInline } from "../../core/util/displayText";
import { appIcon, phaseIcon, phaseLabel } from "../icons";
import type { TaskState } from "./askState";
import { scriptLanguage, scriptPreview } from "./scriptPreview";
import { argumentRows, dependencyText, taskTitle, type TaskContext } from "./taskText";

const EFFECTS = { read: "Only reads", write: "Changes something on this Mac", send: "Sends something" };

/** The detail pane of a task: what happened, every argument, and the script that will run (or ran). */
export function TaskDetail(props: { step: PlanStep; task: TaskState; ctx: TaskContext; previewTools: ToolImplementations }) {
  const { step, task, ctx } = props;
  const script = task.script ?? scriptPreview(step, props.previewTools, ctx.results);
  const ran = task.script !== undefined;
  // Every value goes through the display rule: as escaped text, or in a fence no value can close.
  const markdown = [`### ${markdownText(taskTitle(step, ctx))}`];
  if (task.error) markdown.push(`**${phaseLabel(task.phase)}:** ${markdownText(task.error)}`);
  if (task.result !== undefined)
    markdown.push(`**Result${task.lookedUp ? " (looked up before the run)" : ""}:**\n\n${markdownFence(task.result)}`);
  if (task.note) markdown.push(`_${markdownText(task.note.trim())}_`);
  if (script !== undefined)
    markdown.push(`**${ran ? "Script That Ran" : "Script That Will Run"}:**\n\n${markdownFence(script, scriptLanguage(step.tool))}`);
  const tool = isToolName(step.tool) ? TOOLS[step.tool] : undefined;
  const deps = dependencyText(step);
  return (
    <List.Item.Detail
      markdown={markdown.join("\n\n")}
      metadata={
        <List.Item.Detail.Metadata>
          <List.Item.Detail.Metadata.Label title="Task" text={`#${step.id} ${tool ? tool.title : showInline(step.tool)}`} />
          {tool && <List.Item.Detail.Metadata.Label title="App" text={tool.app} icon={appIcon(tool.app)} />}
          {tool && <List.Item.Detail.Metadata.Label title="Effect" text={EFFECTS[tool.effect]} />}
          <List.Item.Detail.Metadata.Separator />
          {argumentRows(step, ctx).map((row) => (
            <List.Item.Detail.Metadata.Label key={row.label} title={row.label} text={row.value} />
          ))}
          <List.Item.Detail.Metadata.Separator />
          {deps && <List.Item.Detail.Metadata.Label title="Waits For" text={deps.replace(/^after /, "")} />}
          <List.Item.Detail.Metadata.Label title="Status" text={phaseLabel(task.phase)} icon={phaseIcon(task.phase)} />
          {task.elapsedMs !== undefined && task.elapsedMs > 0 && (
            <List.Item.Detail.Metadata.Label title="Time" text={`${(task.elapsedMs / 1000).toFixed(1)} s`} />
          )}
          {step.thought && <List.Item.Detail.Metadata.Label title="Thought" text={showInline(step.thought)} />}
        </List.Item.Detail.Metadata>
      }
    />
  );
}
