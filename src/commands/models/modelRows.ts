import type { ModelEntry } from "../../agent/models/manifest";
import type { ModelState, ModelStatus } from "../../agent/models/modelStore";
import { formatBytes } from "../../core/util/formatBytes";

/** How Manage Models shows a model's state, and which actions it offers. */
const STATES: Record<ModelState, { label: string; color: "green" | "blue" | "orange" | "red" | "secondary" }> = {
  embedded: { label: "Bundled", color: "green" },
  downloaded: { label: "Downloaded", color: "green" },
  partial: { label: "Partly Downloaded", color: "orange" },
  "not-downloaded": { label: "Not Downloaded", color: "secondary" },
  corrupt: { label: "Damaged", color: "red" },
  missing: { label: "Missing", color: "red" },
};

export interface ModelRow {
  id: string;
  title: string;
  /** "668 MB · planner". */
  subtitle: string;
  license: string;
  stateLabel: string;
  stateColor: (typeof STATES)[ModelState]["color"];
  /** Used for planning now. */
  inUse: boolean;
  /** While it downloads: "42% · 12.3 MB/s · 1 min left". */
  progress?: string;
  canDownload: boolean;
  /** "Download" or, for a partial download, "Resume Download". */
  downloadTitle: string;
  canDelete: boolean;
  problem?: string;
}

export function modelRow(entry: ModelEntry, status: ModelStatus | undefined, options: { inUse: boolean; progress?: string }): ModelRow {
  const state = status?.state;
  const shown = state ? STATES[state] : { label: "Checking…", color: "secondary" as const };
  const downloading = options.progress !== undefined;
  const onDisk = state === "downloaded" || state === "partial" || state === "corrupt";
  const size = state === "partial" ? `${formatBytes(status!.bytesOnDisk)} of ${formatBytes(entry.bytes)}` : formatBytes(entry.bytes);
  return {
    id: entry.id,
    title: entry.title,
    subtitle: `${size} · ${entry.role}`,
    license: entry.license,
    stateLabel: downloading ? "Downloading" : shown.label,
    stateColor: downloading ? "blue" : shown.color,
    inUse: options.inUse,
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
    canDownload: !downloading && entry.unavailable === undefined && (state === "not-downloaded" || state === "partial" || state === "corrupt"),
    downloadTitle: state === "partial" ? "Resume Download" : "Download",
    canDelete: !downloading && onDisk,
    ...(status?.problem ? { problem: status.problem } : entry.unavailable ? { problem: `Not available: ${entry.unavailable}` } : {}),
  };
}
