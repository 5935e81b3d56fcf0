import { mkdir, statfs } from "node:fs/promises";
import { basename } from "node:path";
import { AgentError, describeCause } from "../../core/errors";
import { formatBytes } from "../../core/util/formatBytes";
import type { ModelEntry } from "./manifest";
import { checkModelFile } from "./modelFileCheck";
import { allocatedBytes, corruptError, unavailableError, type ModelStore } from "./modelStore";
import { downloadUrlOf, parseModelUri, resolveHubEndpoint } from "./modelUri";
import { secondsLeft, TransferRate } from "./transferRate";

export type DownloadProgress =
  | { phase: "downloading"; bytes: number; totalBytes: number; bytesPerSecond: number; etaSeconds: number | undefined }
  | { phase: "verifying"; bytes: number; totalBytes: number };

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Hugging Face endpoint for `hf:` URIs (a mirror, or a stand-in in tests); default: resolveHubEndpoint(). */
  hubEndpoint?: string;
  /** Free bytes on the disk holding `dir`; replaceable so tests can simulate a full disk. */
  freeDiskBytes?: (dir: string) => Promise<number>;
  /** Give up when no byte arrives for this long (the downloader itself retries for minutes). Default 60 s. */
  stallTimeoutMs?: number;
  /** How long to wait for the server's first answer. Default 30 s. */
  connectTimeoutMs?: number;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** It was already downloaded and verified: nothing was fetched. */
  alreadyDownloaded: boolean;
  /** Part of it was already on disk from an interrupted download. */
  resumed: boolean;
}

/** Kept free beyond the model itself, so a download never fills the disk to the last byte. */
export const DISK_RESERVE_BYTES = 64_000_000;

export async function freeDiskBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/**
 * Downloads a model into the store with node-llama-cpp's downloader, then checks it (exact size,
 * GGUF header, SHA-256) before it gets its final name; a file that fails is deleted. A model whose
 * manifest entry pins no SHA-256 is not downloaded at all. An interrupted or cancelled download keeps what arrived and the next call resumes it
 * with HTTP range requests. Errors are AgentErrors saying what to do.
 */
/**
 * Downloads a model, one download of it at a time: the command line and Raycast's views (or two
 * views) share the folder, so a second caller waits for the first and then finds the file ready.
 */
export function downloadModel(store: ModelStore, entry: ModelEntry, options: DownloadOptions = {}): Promise<DownloadResult> {
  return store.exclusively(entry, () => downloadUnlocked(store, entry, options), options.signal);
}

async function downloadUnlocked(store: ModelStore, entry: ModelEntry, options: DownloadOptions): Promise<DownloadResult> {
  const parsed = parseModelUri(entry.uri);
  if (!parsed.ok) throw new Error(`manifest entry ${entry.id} has an invalid uri (${parsed.reason}); entries come from parseManifest`);
  if (parsed.source.kind === "embedded") {
    throw new AgentError(`${entry.title} comes with TinyAgent: there is nothing to download.`, "model_embedded");
  }
  if (entry.sha256 === null) throw unavailableError(entry);
  const paths = store.pathsOf(entry);
  const status = await store.inspect(entry);
  if (status.state === "downloaded") {
    try {
      const path = await store.ensureReady(entry, { onHashed: verifyingProgress(options) });
      const after = await store.inspect(entry);
      return { path, bytes: after.bytesOnDisk, sha256: after.sha256 ?? "", alreadyDownloaded: true, resumed: false };
    } catch (error) {
      // ensureReady deleted the damaged file: download it afresh below.
      if (!(error instanceof AgentError && error.code === "model_corrupt")) throw error;
    }
  } else if (status.state === "corrupt") {
    await store.discard(entry);
  }

  const hubEndpoint = resolveHubEndpoint(options.hubEndpoint);
  const url = downloadUrlOf(parsed.source, hubEndpoint);
  const remoteBytes = await probe(entry, url, options);
  if (remoteBytes !== undefined) checkRemoteSize(entry, remoteBytes);

  await mkdir(store.dir, { recursive: true });
  const expected = remoteBytes ?? entry.bytes;
  const already = Math.min(expected, (await allocatedBytes(paths.download)) + (await allocatedBytes(paths.downloadInProgress)));
  const needed = expected - already + DISK_RESERVE_BYTES;
  const free = await (options.freeDiskBytes ?? freeDiskBytes)(store.dir);
  if (free < needed) {
    throw new AgentError(
      `Not enough disk space to download ${entry.title}: it needs ${formatBytes(needed)} (with ${formatBytes(DISK_RESERVE_BYTES)} to spare) and ${store.dir} has ${formatBytes(free)} free. Free up space or choose another models folder.`,
      "disk_full",
    );
  }

  const downloaded = await fetchFile(entry, store, { url, hubEndpoint }, options);
  const check = await checkModelFile(entry, downloaded.path, {
    expectedBytes: downloaded.totalBytes,
    onHashed: verifyingProgress(options),
    signal: options.signal,
  }).catch((error: unknown) => {
    // The downloaded file stays: the next call finds it complete and only checks it.
    if (options.signal?.aborted) throw cancelledError(entry, error);
    throw error;
  });
  if (!check.ok) {
    await store.discard(entry);
    throw corruptError(entry, check.problem);
  }
  const path = await store.accept(entry, downloaded.path, check.sha256);
  return { path, bytes: check.bytes, sha256: check.sha256, alreadyDownloaded: false, resumed: already > 0 };
}

/** Runs node-llama-cpp's downloader, with a watchdog for stalls and the caller's cancellation. */
async function fetchFile(entry: ModelEntry, store: ModelStore, where: { url: string; hubEndpoint: string }, options: DownloadOptions) {
  const { url, hubEndpoint } = where;
  const { createModelDownloader } = await store.engines.nodeLlamaCpp();
  const controller = new AbortController();
  const cancel = () => controller.abort();
  options.signal?.addEventListener("abort", cancel, { once: true });
  if (options.signal?.aborted) cancel();
  const stallMs = options.stallTimeoutMs ?? 60_000;
  let stalled = false;
  let watchdog: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  let lastBytes = -1;
  const rate = new TransferRate();
  try {
    watch();
    const creating = createModelDownloader({
      modelUri: entry.uri,
      endpoints: { huggingFace: hubEndpoint },
      dirPath: store.dir,
      fileName: basename(store.pathsOf(entry).download),
      // Keep what arrived when cancelled: the next download resumes from it.
      deleteTempFileOnCancel: false,
      onProgress: ({ totalSize, downloadedSize }) => {
        if (downloadedSize > lastBytes) {
          lastBytes = downloadedSize;
          watch();
        }
        const bytesPerSecond = rate.add(performance.now(), downloadedSize);
        options.onProgress?.({
          phase: "downloading",
          bytes: downloadedSize,
          totalBytes: totalSize,
          bytesPerSecond,
          etaSeconds: secondsLeft(downloadedSize, totalSize, bytesPerSecond),
        });
      },
    });
    // Creating the downloader asks the server for the size and has no abort signal; it cannot be
    // stopped, only stopped waiting for (the probe has just reached the server, so it rarely waits).
    // A failure after we stopped waiting has nobody to report to.
    creating.catch(() => undefined);
    const downloader = await Promise.race([creating, aborted(controller.signal)]);
    const path = await downloader.download({ signal: controller.signal });
    // An aborted download() resolves with the path of a file that does not exist.
    if (controller.signal.aborted) throw new Error("aborted");
    return { path, totalBytes: downloader.totalSize };
  } catch (error) {
    if (stalled) {
      const paths = store.pathsOf(entry);
      const kept = (await allocatedBytes(paths.download)) + (await allocatedBytes(paths.downloadInProgress));
      const host = new URL(url).host;
      const waited = stallMs >= 1000 ? `${Math.round(stallMs / 1000)} s` : `${stallMs} ms`;
      throw new AgentError(
        kept > 0
          ? `The download of ${entry.title} stalled: nothing arrived from ${host} for ${waited}. Download it again later; it resumes from the ${formatBytes(kept)} already here.`
          : `The download of ${entry.title} stalled: ${host} answered but sent nothing for ${waited}, so nothing was kept. Try again later.`,
        "download_stalled",
        { cause: error },
      );
    }
    if (controller.signal.aborted) throw cancelledError(entry, error);
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number") throw httpError(entry, url, status, "", error);
    throw new AgentError(`The download of ${entry.title} failed: ${describeCause(error)}. Try again later.`, "download_failed", { cause: error });
  } finally {
    clearTimeout(watchdog);
    options.signal?.removeEventListener("abort", cancel);
  }
}

/**
 * Asks the server for the first byte before anything else: a clear error at once for an unknown
 * file or an unreachable server (node-llama-cpp's downloader retries those for minutes), and the
 * file's size for the size and disk-space checks.
 */
async function probe(entry: ModelEntry, url: string, options: DownloadOptions): Promise<number | undefined> {
  const timeoutMs = options.connectTimeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { headers: { range: "bytes=0-0", "accept-encoding": "identity" }, signal });
  } catch (error) {
    if (options.signal?.aborted) throw cancelledError(entry, error);
    const host = new URL(url).host;
    if (timeout.aborted) {
      throw new AgentError(`${host} did not answer within ${Math.round(timeoutMs / 1000)} s. Check your internet connection and try again.`, "network", {
        cause: error,
      });
    }
    const cause = (error as { cause?: { code?: string; message?: unknown } }).cause;
    if (typeof cause?.message === "string" && /redirect count exceeded/i.test(cause.message)) {
      throw new AgentError(
        `${host} redirected the download of ${entry.title} over and over (more than 20 redirects, a loop), so nothing was downloaded. The server or a proxy is misconfigured; try again later or use another mirror (HF_ENDPOINT).`,
        "redirect_loop",
        { cause: error },
      );
    }
    const code = cause?.code;
    throw new AgentError(`Cannot reach ${host} to download ${entry.title}${code ? ` (${code})` : ""}. Check your internet connection and try again.`, "network", {
      cause: error,
    });
  }
  await response.body?.cancel();
  if (!response.ok) throw httpError(entry, url, response.status, response.statusText);
  const total = /\/(\d+)\s*$/.exec(response.headers.get("content-range") ?? "")?.[1];
  const length = response.status === 200 ? response.headers.get("content-length") : null;
  const bytes = Number(total ?? length ?? NaN);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

function checkRemoteSize(entry: ModelEntry, remoteBytes: number): void {
  if (remoteBytes !== entry.bytes) {
    throw new AgentError(
      `The server offers ${formatBytes(remoteBytes)} (${remoteBytes} bytes) for ${entry.title}, but the manifest pins exactly ${entry.bytes} bytes. The file may have changed upstream, so it was not downloaded.`,
      "size_mismatch",
    );
  }
}

function httpError(entry: ModelEntry, url: string, status: number, statusText: string, cause?: unknown): AgentError {
  const what = `HTTP ${status}${statusText ? ` ${statusText}` : ""}`;
  if (status === 404) {
    return new AgentError(`${entry.title} was not found at ${url} (${what}). Its manifest entry may be out of date.`, "not_found", { cause });
  }
  if (status === 401 || status === 403) {
    return new AgentError(
      `The server refused to send ${entry.title} (${what}). Its repository may be private or gated; TinyAgent downloads public models only.`,
      "access_denied",
      { cause },
    );
  }
  return new AgentError(`The server could not send ${entry.title} (${what}). Try again later.`, "download_failed", { cause });
}

function cancelledError(entry: ModelEntry, cause: unknown): AgentError {
  return new AgentError(`The download of ${entry.title} was cancelled. Download it again to resume where it stopped.`, "cancelled", { cause });
}

function verifyingProgress(options: DownloadOptions) {
  return (bytes: number, totalBytes: number) => options.onProgress?.({ phase: "verifying", bytes, totalBytes });
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new Error("aborted"));
    signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
  });
}
