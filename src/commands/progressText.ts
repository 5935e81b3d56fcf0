import type { DownloadProgress } from "../agent/models/modelDownload";
import { formatBytes } from "../agent/util/formatBytes";
import type { InstallProgress } from "../engines/engineInstaller";

/** "Installing on-device engines… 42 MB of 155 MB". */
export function engineProgressText(p: InstallProgress): string {
  if (p.phase === "finishing") return "Finishing the on-device engines…";
  if (p.phase === "done") return "On-device engines installed";
  return `Installing on-device engines… ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`;
}

/** "42% · 12.3 MB/s · 1 min left", or the check after the download. */
export function downloadProgressText(p: DownloadProgress): string {
  const percent = p.totalBytes > 0 ? Math.floor((p.bytes / p.totalBytes) * 100) : 0;
  if (p.phase === "verifying") return `Checking the file… ${percent}%`;
  const parts = [`${percent}%`, `${formatBytes(p.bytesPerSecond)}/s`];
  if (p.etaSeconds !== undefined) parts.push(formatDuration(p.etaSeconds));
  return parts.join(" · ");
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  return `${(seconds / 3600).toFixed(1)} h left`;
}
