import type { ExecutionEvent } from "../agent/executor";
import { parallelLevels } from "../agent/plan/dag";
import type { Plan } from "../agent/plan/plan";
import { formatCall } from "../agent/plan/serializePlan";
import type { PlanProblem } from "../agent/plan/validatePlan";
import type { ToolSelection } from "../agent/pipeline";
import { showInline } from "../core/util/displayText";
import type { Delexicalized } from "../agent/values/delexicalize";
import { formatLocalDateTime, weekdayName, type LocalDateTime } from "../core/time/localDateTime";

export function formatNow(now: LocalDateTime): string {
  return `${weekdayName(now)} ${formatLocalDateTime(now).slice(0, 16)}`;
}

export function formatSelection(selection: ToolSelection): string {
  const picked = selection.classified ?? selection.selected;
  const scored = selection.scores !== undefined;
  const list = picked.map((s) => (scored ? `${s.tool} ${s.probability.toFixed(2)}` : s.tool)).join(", ");
  const text = picked.length === 0 ? "none (nothing to do)" : list;
  return selection.classified ? `${text} (classifier; the given plan may use any tool)` : text;
}

/** The plan as a readable DAG: tasks by the step at which they can run, with what each waits for. */
export function formatPlan(plan: Plan): string {
  const levels = parallelLevels(plan).filter((level) => level.some((t) => t.tool !== "join"));
  const actions = plan.tasks.filter((t) => t.tool !== "join").length;
  if (actions === 0) return "Plan: nothing to do (join only).";
  const lines = [`Plan: ${actions} task${actions === 1 ? "" : "s"} in ${levels.length} step${levels.length === 1 ? "" : "s"}`];
  levels.forEach((level, i) => {
    const tasks = level.filter((t) => t.tool !== "join");
    lines.push(`  step ${i + 1}${tasks.length > 1 ? " (in parallel)" : ""}`);
    for (const t of tasks) {
      const after = t.dependencies.length > 0 ? `   ← after ${t.dependencies.map((d) => `#${d}`).join(", ")}` : "";
      if (t.thought) lines.push(`    # ${showInline(t.thought)}`);
      lines.push(`    #${t.id} ${formatCall(t.tool, t.args)}${after}`);
    }
  });
  return lines.join("\n");
}

/** The problems of a plan that does not validate: the first `max`, then how many more there are. */
export function formatProblems(problems: readonly PlanProblem[], max = 20): string {
  const more = problems.length - max;
  return [
    "The plan is not valid, so nothing runs:",
    // One line each, whatever value a message quotes.
    ...problems.slice(0, max).map((p) => `  - ${showInline(p.message)}`),
    ...(more > 0
      ? [`  … and ${more.toLocaleString("en-US")} more problem${more === 1 ? "" : "s"} (--json lists up to ${MAX_JSON_PROBLEMS})`]
      : []),
  ].join("\n");
}

/** How many problems --json lists; `moreProblems` counts the rest. */
export const MAX_JSON_PROBLEMS = 100;

export function formatEvent(e: ExecutionEvent, toolOf: (id: number) => string): string | undefined {
  const name = `#${e.taskId} ${toolOf(e.taskId)}`;
  switch (e.type) {
    case "queued":
      return undefined;
    case "started":
      return e.script ? `  ▶ ${name}\n${indent(e.script, 6)}` : `  ▶ ${name}`;
    case "succeeded":
      return `  ✓ ${name} → ${oneLine(e.result)}${e.note ? `\n      (${oneLine(e.note)})` : ""}`;
    case "failed":
      return `  ✗ ${name}: ${showInline(e.error)}`;
    case "skipped":
      return `  – ${name} skipped (${showInline(e.reason)})`;
    case "cancelled":
      return `  ■ ${name} cancelled${e.note ? ` (${showInline(e.note)})` : ""}`;
  }
}

const indent = (text: string, n: number) =>
  text
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");

const oneLine = (text: string) => showInline((text.length > 200 ? `${text.slice(0, 197)}…` : text).replace(/\n/g, " ⏎ "));

/** The values the embedded planner planned around: `NAME1 "Sid", TEXT1 "I'm late"` (quoted, so control characters show escaped). */
export function formatValues(d: Delexicalized): string {
  if (d.slots.length === 0) return "none";
  return d.slots.map((s) => `${s.placeholder} ${JSON.stringify(s.value)}`).join(", ");
}
