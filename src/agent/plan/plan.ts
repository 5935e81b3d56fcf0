import { z } from "zod";
import { ToolNameSchema } from "../../core/tools/names";
import { PlanStepSchema } from "./planParser";

export const TaskToolSchema = z.union([ToolNameSchema, z.literal("join")]);
export type TaskTool = z.infer<typeof TaskToolSchema>;

/**
 * An action of a validated plan: the step as written (its arguments with references `$N` still in
 * place, its thought and line), now with a known tool (or the final join) and the tasks it waits
 * for. One shape from the parser through the executor to the views.
 */
export const PlanTaskSchema = PlanStepSchema.extend({
  id: z.number().int().positive(),
  tool: TaskToolSchema,
  /** Ids of the tasks whose results this one uses; for join, every earlier task. */
  dependencies: z.array(z.number().int().positive()),
});
export type PlanTask = z.infer<typeof PlanTaskSchema>;

/** A plan that passed validation: ids increasing, every reference to an earlier task, join last. */
export const PlanSchema = z.object({ tasks: z.array(PlanTaskSchema).min(1) });
export type Plan = z.infer<typeof PlanSchema>;

/** The tasks that do something (everything but join). */
export function actionTasks(plan: Plan): PlanTask[] {
  return plan.tasks.filter((t) => t.tool !== "join");
}
