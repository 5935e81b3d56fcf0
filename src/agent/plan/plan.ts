import { z } from "zod";
import { ToolNameSchema } from "../../core/tools/catalog";
import { PyValueSchema } from "./pythonLiteral";

export const TaskToolSchema = z.union([ToolNameSchema, z.literal("join")]);
export type TaskTool = z.infer<typeof TaskToolSchema>;

/** An action of a validated plan: a known tool (or the final join) and the tasks it waits for. */
export const PlanTaskSchema = z.object({
  id: z.number().int().positive(),
  tool: TaskToolSchema,
  /** Positional arguments as written, references (`$N`) still in place. */
  args: z.array(PyValueSchema),
  /** Ids of the tasks whose results this one uses; for join, every earlier task. */
  dependencies: z.array(z.number().int().positive()),
  thought: z.string().optional(),
});
export type PlanTask = z.infer<typeof PlanTaskSchema>;

/** A plan that passed validation: ids increasing, every reference to an earlier task, join last. */
export const PlanSchema = z.object({ tasks: z.array(PlanTaskSchema).min(1) });
export type Plan = z.infer<typeof PlanSchema>;

/** The tasks that do something (everything but join). */
export function actionTasks(plan: Plan): PlanTask[] {
  return plan.tasks.filter((t) => t.tool !== "join");
}
