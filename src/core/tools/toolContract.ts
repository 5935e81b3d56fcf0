import type { ToolArgs, ToolName } from "./catalog";

export interface ToolRunContext {
  /** Aborted when the run is cancelled or the task times out. */
  signal: AbortSignal;
  taskId: number;
}

/**
 * A result with a note for the person watching the run, kept out of the result because later tasks
 * receive the result: get_phone_number's result is the number, its note says which of three "Sid"s it chose.
 */
export interface ToolOutput {
  result: string;
  note?: string;
}

/** How one tool runs. Injected, so the same executor drives AppleScript, a dry run or a test fake. */
export interface ToolImplementation<T extends ToolName = ToolName> {
  /** The exact script, command line or URL the call will run; shown before it runs. */
  preview?(args: ToolArgs<T>): string;
  /** Does the work and returns its result as text (what `$N` is replaced with), or the text with a note. */
  run(args: ToolArgs<T>, ctx: ToolRunContext): Promise<string | ToolOutput>;
}

export type ToolImplementations = { [T in ToolName]?: ToolImplementation<T> };
