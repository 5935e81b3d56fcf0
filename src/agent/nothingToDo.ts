import { z } from "zod";
import { actionTasks } from "./plan/plan";
import type { PipelineResult } from "./pipeline";
import { timeSpans } from "../core/values/timeSpans";
import { TOOLS } from "../tools/catalog";
import type { ToolName } from "../core/tools/names";
import type { ParamRole } from "../core/tools/params";
import { COPIED_ROLES } from "./planner/planGrammar";

/**
 * Why a plan does nothing, for the person who asked: the request is not something the tools do, or
 * it asks for something that needs a time and names none ("make a zoom meeting with Sid"), or a
 * person, file or note and names none ("open my notes"), which the planner cannot make up.
 */
export const NothingToDoSchema = z.object({
  reason: z.enum(["out_of_scope", "needs_time", "needs_value"]),
  message: z.string(),
});
export type NothingToDo = z.infer<typeof NothingToDoSchema>;

/** How sure the classifier must be of a tool before its missing time is named as the reason. */
const LIKELY = 0.5;

const needsTime = (tool: ToolName) => TOOLS[tool].params.some((p) => p.role === "datetime" && !p.schema.safeParse("").success);

/** What to name for a value the plan can only copy from the request, never make up (the plan grammar's rule). */
const WHICH: Partial<Record<ParamRole, { what: string; example: string }>> = {
  contact: { what: "who", example: "… Sid" },
  file: { what: "which file", example: "… Q3 report.pdf" },
  note: { what: "which note", example: "open my Groceries note" },
};
const whichFor = (tool: ToolName) => {
  const role = TOOLS[tool].params.find((p) => COPIED_ROLES.has(p.role))?.role;
  return role ? WHICH[role] : undefined;
};

/** Undefined when the plan does something (or is not valid: its problems are the message then). */
export function nothingToDo(result: PipelineResult): NothingToDo | undefined {
  if (!result.validation.ok || actionTasks(result.validation.plan).length > 0) return undefined;
  const hasTime = result.delexicalized
    ? result.delexicalized.slots.some((s) => s.type === "TIME")
    : timeSpans(result.normalized.text).length > 0;
  // Only a classifier's probabilities say which tool was meant; a selection of every tool says nothing.
  const timed = result.selection.scores ? result.selection.selected.find((s) => s.probability >= LIKELY && needsTime(s.tool)) : undefined;
  if (timed && !hasTime)
    return {
      reason: "needs_time",
      message: `${TOOLS[timed.tool].title} needs a date and time, and the request names none. Say when, e.g. “… tomorrow at 2pm”.`,
    };
  // A planner over placeholders can only copy a name, a file or a note: with no value in the request, none of those tools can run.
  const noValues = result.delexicalized !== undefined && !result.delexicalized.slots.some((s) => s.type !== "TIME");
  for (const s of noValues && result.selection.scores ? result.selection.selected : []) {
    const which = s.probability >= LIKELY ? whichFor(s.tool) : undefined;
    if (which)
      return {
        reason: "needs_value",
        message: `${TOOLS[s.tool].title} needs to know ${which.what}, and the request does not say. Name it, e.g. “${which.example}”.`,
      };
  }
  return {
    reason: "out_of_scope",
    message:
      "None of TinyAgent's tools does this. It texts, emails (new, reply, forward), makes calendar events, reminders, notes " +
      "and Zoom meetings, finds and summarizes files, and shows places and directions in Maps. Ask for one of those, " +
      "e.g. “Text Sid that I'm running late”.",
  };
}
