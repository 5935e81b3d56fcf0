import type { ToolName } from "../core/tools/names";
import type { ToolOutput } from "../core/tools/toolOutput";
import type { ToolArgs } from "./catalog";

export interface ToolRunContext {
  /** Aborted when the run is cancelled or the task times out. */
  signal: AbortSignal;
  taskId: number;
}

/** How one tool runs. Injected, so the same executor drives AppleScript, a dry run or a test fake. */
export interface ToolImplementation<T extends ToolName = ToolName> {
  /** The exact script, command line or URL the call will run; shown before it runs. */
  preview?(args: ToolArgs<T>): string;
  /** Does the work and returns its result as text (what `$N` is replaced with), or the text with a note. */
  run(args: ToolArgs<T>, ctx: ToolRunContext): Promise<string | ToolOutput>;
}

export type ToolImplementations = { [T in ToolName]?: ToolImplementation<T> };
