import type { ToolOutput } from "../core/tools/toolOutput";
import { showInline } from "../core/util/displayText";
import type { ExecutingRunner } from "./runner";

export interface ZoomSettings {
  /** The user's Zoom API token (Raycast preference "Zoom Token"; CLI: TINYAGENT_ZOOM_TOKEN). */
  token?: string;
  /** https://api.zoom.us/v2; a local stand-in server in tests. */
  apiBase: string;
  /** The Mac's own IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}

/** What tools need to know about this Mac and its user. */
export interface MacSettings {
  /** The home folder: where Spotlight searches for files, what `~` means. */
  home: string;
  zoom: ZoomSettings;
}

export interface MacContext {
  signal: AbortSignal;
  taskId: number;
  runner: ExecutingRunner;
  settings: MacSettings;
}

/** One tool on the Mac, by its arguments: what it will run (shown before it runs) and the run itself. */
export interface MacTool<A> {
  preview(args: A, settings: MacSettings): string;
  run(args: A, ctx: MacContext): Promise<string | ToolOutput>;
}

/**
 * Several scripts or commands run one after another, shown as one preview, each under a ▸ heading.
 * A heading is one line whatever values it names (showInline): a name with a line break cannot
 * make lines appear in the preview that are not in the script.
 */
export function previewSteps(steps: readonly { title: string; text?: string }[]): string {
  return steps.map((s) => (s.text ? `▸ ${showInline(s.title)}\n${s.text}` : `▸ ${showInline(s.title)}`)).join("\n\n");
}
