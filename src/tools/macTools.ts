import { homedir } from "node:os";
import type { MacSettings, MacTool, ZoomSettings } from "../applescript/macTool";
import { dryRunResult, type Runner } from "../applescript/runner";
import { ZOOM_API } from "../applescript/zoom";
import { TOOLS } from "./catalog";
import type { ToolImplementation, ToolImplementations } from "./toolContract";

export interface MacToolsOptions {
  /** osascriptRunner(...) on a Mac; DRY_RUN to show what would run without running it. */
  runner: Runner;
  /** Default: this user's home folder. */
  home?: string;
  /** Default: no token, the real Zoom API, this computer's time zone. */
  zoom?: Partial<ZoomSettings>;
}

/**
 * The 16 tools for the executor, from each tool's Mac half (src/tools/<tool>.ts). Each previews the exact script, command line or request it runs
 * (with earlier results already filled in). With DRY_RUN nothing runs and each result is a marker.
 */
export function macTools(options: MacToolsOptions): ToolImplementations {
  const settings: MacSettings = {
    home: options.home ?? homedir(),
    zoom: {
      apiBase: options.zoom?.apiBase ?? ZOOM_API,
      timeZone: options.zoom?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(options.zoom?.token ? { token: options.zoom.token } : {}),
    },
  };
  const { runner } = options;
  const implement = (tool: MacTool<unknown>): ToolImplementation => ({
    preview: (args) => tool.preview(args, settings),
    run:
      runner.kind === "dry-run"
        ? async (_args, ctx) => dryRunResult(ctx.taskId)
        : (args, ctx) => tool.run(args, { signal: ctx.signal, taskId: ctx.taskId, runner, settings }),
  });
  const entries = Object.values(TOOLS).map((tool) => [tool.name, implement(tool.mac as MacTool<unknown>)]);
  return Object.fromEntries(entries) as ToolImplementations;
}
