import { homedir } from "node:os";
import type { ToolImplementation, ToolImplementations } from "../core/tools/toolContract";
import type { ToolName } from "../core/tools/catalog";
import { calendarTools } from "./calendar";
import { contactsTools } from "./contacts";
import { filesTools } from "./files";
import type { MacSettings, MacTool, ZoomSettings } from "./macTool";
import { mailTools } from "./mail";
import { mapsTools } from "./maps";
import { messagesTools } from "./messages";
import { notesTools } from "./notes";
import { remindersTools } from "./reminders";
import { dryRunResult, type Runner } from "./runner";
import { ZOOM_API, zoomTools } from "./zoom";

/** Every tool, one module per app. */
const MAC_TOOLS = {
  ...contactsTools,
  ...calendarTools,
  ...filesTools,
  ...mailTools,
  ...mapsTools,
  ...notesTools,
  ...remindersTools,
  ...messagesTools,
  ...zoomTools,
} satisfies Record<ToolName, unknown>;

export interface MacToolsOptions {
  /** osascriptRunner(...) on a Mac; DRY_RUN to show what would run without running it. */
  runner: Runner;
  /** Default: this user's home folder. */
  home?: string;
  /** Default: no token, the real Zoom API, this computer's time zone. */
  zoom?: Partial<ZoomSettings>;
}

/**
 * The 16 tools for the executor. Each previews the exact script, command line or request it runs
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
  const entries = Object.entries(MAC_TOOLS).map(([name, tool]) => [name, implement(tool as MacTool<unknown>)]);
  return Object.fromEntries(entries) as ToolImplementations;
}
