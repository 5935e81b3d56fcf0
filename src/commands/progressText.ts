import type { DownloadProgress } from "../agent/models/modelDownload";
import { formatBytes } from "../agent/util/formatBytes";
import { formatDuration } from "../agent/util/formatDuration";
import type { InstallProgress } from "../engines/engineInstaller";

/** "Installing on-device engines… 42 MB of 155 MB". */
export function engineProgressText(p: InstallProgress): string {
  if (p.phase === "finishing") return "Finishing the on-device engines…";
  if (p.phase === "done") return "On-device engines installed";
  return `Installing on-device engines… ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`;
}

/** "42% · 12.3 MB/s · 1 min 5 s left", or the check after the download. */
export function downloadProgressText(p: DownloadProgress): string {
  const percent = p.totalBytes > 0 ? Math.floor((p.bytes / p.totalBytes) * 100) : 0;
  if (p.phase === "verifying") return `Checking the file… ${percent}%`;
  const parts = [`${percent}%`, `${formatBytes(p.bytesPerSecond)}/s`];
  if (p.etaSeconds !== undefined) parts.push(`${formatDuration(p.etaSeconds)} left`);
  return parts.join(" · ");
}
