import type { ToolImplementation, ToolImplementations } from "../../src/tools/toolContract";
import { TOOL_NAMES } from "../../src/core/tools/names";

export interface Call {
  taskId: number;
  tool: string;
  args: Record<string, unknown>;
  start: number;
  end?: number;
  /** The executor aborted the call's signal (timeout or cancel). */
  aborted?: boolean;
}

/**
 * Test double for the Mac tools (which cannot run here): records every call with its arguments
 * and timing. Each tool waits `delayMs` (or its per-tool delay) and returns `result(tool, args)`.
 */
export function recordingTools(options: {
  delayMs?: number;
  delays?: Partial<Record<string, number>>;
  result?: (tool: string, args: Record<string, unknown>, taskId: number) => string;
  fail?: Partial<Record<string, string>>;
}): { tools: ToolImplementations; calls: Call[] } {
  const calls: Call[] = [];
  const t0 = performance.now();
  const make = (tool: string): ToolImplementation => ({
    preview: (args) => `${tool} ${JSON.stringify(args)}`,
    run: async (args, ctx) => {
      const call: Call = { taskId: ctx.taskId, tool, args, start: performance.now() - t0 };
      calls.push(call);
      const delay = options.delays?.[tool] ?? options.delayMs ?? 0;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        ctx.signal.addEventListener("abort", () => {
          call.aborted = true;
          clearTimeout(timer);
          reject(new Error("aborted"));
        });
      });
      call.end = performance.now() - t0;
      const failure = options.fail?.[tool];
      if (failure) throw new Error(failure);
      return options.result?.(tool, args, ctx.taskId) ?? `${tool}#${ctx.taskId}`;
    },
  });
  return { tools: Object.fromEntries(TOOL_NAMES.map((t) => [t, make(t)])) as ToolImplementations, calls };
}
