import { z } from "zod";
import type { MacTool } from "../applescript/macTool";
import type { ArgumentChecks } from "../core/tools/argumentChecks";
import type { App, Effect, ToolName } from "../core/tools/names";
import type { ParamDefinition } from "../core/tools/params";

/** One tool, whole: what the planner is told, what its arguments are, what it refuses, how it runs on the Mac. */
export interface ToolSpec<P extends readonly ParamDefinition[] = readonly ParamDefinition[]> {
  readonly name: ToolName;
  /** What people read where the tool is named (Raycast's detail pane, Edit Task): "Text Message". */
  readonly title: string;
  readonly app: App;
  readonly effect: Effect;
  /**
   * The TinyAgent description: signature line and bullets, each line ending in "\n". Exactly as the
   * published TinyAgent planner models were trained on it: a model sees text, so compatibility means
   * reproducing it byte for byte. From SqueezeAILab/TinyAgent, MIT License, Copyright (c) 2024
   * SqueezeAILab (see NOTICE).
   */
  readonly description: string;
  readonly params: P;
  /** What the tool refuses that an argument's type cannot say (src/core/tools/argumentChecks.ts); none when absent. */
  readonly checks?: ArgumentChecks<ArgsOf<P>>;
  /** How it runs on the Mac: the preview shown before it runs, and the run itself. */
  readonly mac: MacTool<ArgsOf<P>>;
}

/** A defined tool: its spec, and the schema that reads its positional arguments. */
export interface ToolDefinition<P extends readonly ParamDefinition[] = readonly ParamDefinition[]> extends ToolSpec<P> {
  /** Validates and normalizes the positional arguments (None → "", a single address → a list). */
  readonly argsSchema: z.ZodType<ArgsOf<P>, unknown>;
}

/** The normalized arguments of a tool, by parameter name. */
export type ArgsOf<P extends readonly ParamDefinition[]> = {
  [K in P[number] as K["name"]]: z.output<K["schema"]>;
};

/** A tool from its parts; its argsSchema reads the positional arguments into named ones. */
export function defineTool<const P extends readonly ParamDefinition[]>(spec: ToolSpec<P>): ToolDefinition<P> {
  const { name, title, app, effect, description, params, checks, mac } = spec;
  const tuple = z.tuple(params.map((p) => p.schema) as unknown as [z.ZodType, ...z.ZodType[]]);
  const argsSchema = tuple.transform((values) => Object.fromEntries(params.map((p, i) => [p.name, values[i]])) as ArgsOf<P>);
  return { name, title, app, effect, description, params, argsSchema, ...(checks ? { checks } : {}), mac };
}
