import type { DownloadProgress } from "../agent/models/modelDownload";
import { formatBytes } from "../core/util/formatBytes";
import { formatDuration } from "../core/util/formatDuration";
import type { InstallProgress } from "../engines/engineInstaller";

/** "42% · 65.1 MB of 155 MB · 1 min 5 s left" (the time once a few seconds tell the pace). */
export function engineProgressText(p: InstallProgress, elapsedMs?: number): string {
  if (p.phase === "finishing") return "Finishing the on-device engines…";
  if (p.phase === "done") return "On-device engines installed";
  const percent = p.bytesTotal > 0 ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 0;
  const parts = [`${percent}%`, `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`];
  if (elapsedMs !== undefined && elapsedMs >= 3000 && p.bytesDone > 0)
    parts.push(`${formatDuration(((p.bytesTotal - p.bytesDone) / p.bytesDone) * (elapsedMs / 1000))} left`);
  return parts.join(" · ");
}

/** "42% · 12.3 MB/s · 1 min 5 s left", or the check after the download. */
export function downloadProgressText(p: DownloadProgress): string {
  const percent = p.totalBytes > 0 ? Math.floor((p.bytes / p.totalBytes) * 100) : 0;
  if (p.phase === "verifying") return `Checking the file… ${percent}%`;
  const parts = [`${percent}%`, `${formatBytes(p.bytesPerSecond)}/s`];
  if (p.etaSeconds !== undefined) parts.push(`${formatDuration(p.etaSeconds)} left`);
  return parts.join(" · ");
}
