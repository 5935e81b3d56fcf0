import type { ToolImplementations } from "../tools/toolContract";
import type { Manifest, ModelEntry } from "../agent/models/manifest";
import type { DownloadOptions, DownloadResult } from "../agent/models/modelDownload";
import type { ModelStore } from "../agent/models/modelStore";
import type { ExampleBank } from "../agent/prompt/exampleBank";
import type { ToolSelector } from "../agent/pipeline";
import type { LocalDateTime } from "../core/time/localDateTime";
import type { ToolName } from "../core/tools/names";
import type { HistoryStore } from "./history/historyStore";
import type { Settings } from "./settings";
import type { KeyValueStorage } from "./storage";

/** An engine install not done yet: what it downloads and why it is needed. */
export interface EngineInstall {
  bytes: number;
  reason: string;
}

/**
 * Everything the commands need from the outside world, in one object: in Raycast built from its
 * environment and preferences (raycastServices.ts); in tests from the same real parts where they
 * can run here (manifest, model store, planner, dry-run tools) and test doubles where they cannot
 * (osascript, LocalStorage).
 */
export interface Services {
  manifest: Manifest;
  store: ModelStore;
  storage: KeyValueStorage;
  history: HistoryStore;
  /** The preferences, read afresh each time (they can change while a command is open). */
  readSettings(): Settings;
  /** What the on-device engines still need before anything can plan (asked before installing); undefined when they are there. */
  enginesToInstall(): Promise<EngineInstall | undefined>;
  /** Installs the on-device engines if needed, reporting progress as a line of text; the signal stops it. */
  prepareEngines(onProgress: (text: string) => void, signal?: AbortSignal): Promise<void>;
  examples(): Promise<ExampleBank | undefined>;
  /** The tool selector for these enabled tools: the same one for the same set, as long as the command runs. */
  toolSelector(enabledTools: readonly ToolName[]): ToolSelector;
  /** The tools that really run (AppleScript on a Mac). */
  runTools(settings: Settings): ToolImplementations;
  /** The same tools in a dry run: their previews are the exact scripts that will run. */
  previewTools(settings: Settings): ToolImplementations;
  now(): LocalDateTime;
  downloadModel(entry: ModelEntry, options: DownloadOptions): Promise<DownloadResult>;
}
