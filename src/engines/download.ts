import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AgentError } from "../core/errors";
import type { LockedPackage } from "./engineLock";
import { fileIntegrity, integrityMatches, sha512Integrity } from "./integrity";

export interface DownloadOptions {
  /** Where tarballs are fetched from, in place of the lock's registry (a mirror, a test stand-in). */
  registry?: string;
  /** A folder of verified tarballs named by their sha512, reused across installs (tests, CI). */
  cacheDir?: string;
  signal?: AbortSignal;
  /** Bytes received since the last call. */
  onBytes?: (bytes: number) => void;
  /**
   * Give an attempt up when no byte arrives for this long (connecting and waiting for the answer
   * included). Default 30 s: without it, a silent server held each attempt for undici's 300 s.
   */
  stallTimeoutMs?: number;
}

/** The tarball URL for a locked package, on the given registry. */
export function tarballUrl(pkg: LockedPackage, lockRegistry: string, registry?: string): string {
  return registry ? new URL(pkg.url.slice(lockRegistry.length), registry.endsWith("/") ? registry : `${registry}/`).href : pkg.url;
}

const label = (pkg: LockedPackage) => `${pkg.name}@${pkg.version}`;

/**
 * Returns the path of a tarball whose sha512 matches the lock: from the cache when it holds one
 * (checked again, since it is only a folder), otherwise downloaded into `downloadsDir`, hashed as it
 * arrives and checked before anyone reads it. A mismatch deletes the download and names the package.
 */
export async function fetchVerifiedTarball(
  pkg: LockedPackage,
  url: string,
  downloadsDir: string,
  options: DownloadOptions = {},
): Promise<string> {
  const cached = options.cacheDir
    ? join(options.cacheDir, `${Buffer.from(pkg.integrity.slice(7), "base64").toString("hex")}.tgz`)
    : undefined;
  if (cached) {
    const found = await fileIntegrity(cached).catch(() => undefined);
    if (found !== undefined && integrityMatches(pkg.integrity, found)) {
      options.onBytes?.(pkg.size);
      return cached;
    }
    if (found !== undefined) await rm(cached, { force: true });
  }

  await mkdir(downloadsDir, { recursive: true });
  const file = join(downloadsDir, `${pkg.name.replace("/", "+")}-${pkg.version}.tgz`);
  let attempt = 1;
  let actual: { integrity: string; bytes: number };
  for (;;) {
    try {
      actual = await download(pkg, url, file, options);
      break;
    } catch (error) {
      // A connection that drops or goes silent is worth another try; an answer like 404 is not.
      const retryable =
        error instanceof AgentError && (error.code === "engine_download_broken" || error.code === "engine_download_stalled");
      if (!retryable || attempt >= DOWNLOAD_ATTEMPTS) throw error;
      await sleep(RETRY_DELAY_MS * attempt, undefined, { signal: options.signal });
      attempt += 1;
    }
  }

  if (!integrityMatches(pkg.integrity, actual.integrity)) {
    await rm(file, { force: true });
    throw new AgentError(
      `The download of ${label(pkg)} does not match its pinned checksum, so it was deleted and nothing was installed. Try again later; if it keeps happening, the download is being altered on the way.`,
      "engine_integrity",
      { cause: { url, expected: pkg.integrity, actual: actual.integrity, bytes: actual.bytes } },
    );
  }
  if (!cached) return file;
  try {
    await mkdir(options.cacheDir!, { recursive: true });
    await rename(file, cached);
    return cached;
  } catch {
    return file; // the cache is only a shortcut (e.g. on another device); the download is good
  }
}

export const DOWNLOAD_ATTEMPTS = 3;
const RETRY_DELAY_MS = 500;
const STALL_TIMEOUT_MS = 30_000;

/** undici's fetch follows at most 20 redirects, then fails with this cause. */
function isRedirectLoop(error: unknown): boolean {
  // Duck-typed: the error can come from another realm (a worker, a test environment).
  const message = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
  return typeof message === "string" && /redirect count exceeded/i.test(message);
}

/**
 * One attempt: streams the tarball to `file`, hashing it; progress is taken back if it breaks off.
 * A watchdog aborts the attempt when nothing arrives for `stallTimeoutMs`.
 */
async function download(
  pkg: LockedPackage,
  url: string,
  file: string,
  options: DownloadOptions,
): Promise<{ integrity: string; bytes: number }> {
  const host = new URL(url).host;
  const stallMs = options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  const watchdog = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => watchdog.abort(), stallMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, watchdog.signal]) : watchdog.signal;
  const stalled = (cause: unknown) =>
    new AgentError(
      `The download of ${label(pkg)} from ${host} stalled: nothing arrived for ${formatSeconds(stallMs)} (after ${DOWNLOAD_ATTEMPTS} attempts). The server, or something between it and this Mac, stopped sending; try again later.`,
      "engine_download_stalled",
      { cause },
    );
  const tooLarge = (bytes: number | undefined) =>
    new AgentError(
      `${host} sent ${bytes === undefined ? "more than" : `${bytes} bytes, more than`} the ${pkg.size} bytes pinned for ${label(pkg)}, so it is not that package. Nothing was installed; if it keeps happening, the registry or a proxy is serving other files.`,
      "engine_download_too_large",
    );

  alive();
  let received = 0;
  let reported = 0;
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      if (watchdog.signal.aborted) throw stalled(cause);
      if (isRedirectLoop(cause)) {
        throw new AgentError(
          `Could not download ${label(pkg)}: ${host} redirected it over and over (more than 20 redirects, a loop). Nothing was installed; the registry or a proxy is misconfigured, so try again later or use another registry.`,
          "engine_download_redirects",
          { cause },
        );
      }
      throw new AgentError(
        `Could not download ${label(pkg)} from ${host}. Check the internet connection and try again.`,
        "engine_download_broken",
        {
          cause,
        },
      );
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new AgentError(`Could not download ${label(pkg)}: ${host} answered ${response.status}. Try again later.`, "engine_download");
    }
    const announced = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isSafeInteger(announced) && announced > pkg.size) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge(announced);
    }

    const hash = createHash("sha512");
    let overflow = false;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        alive();
        received += chunk.length;
        // The lock knows the size: a server sending more is not sending this package.
        if (received > pkg.size) {
          overflow = true;
          return done(new Error(`more than the ${pkg.size} bytes expected`));
        }
        hash.update(chunk);
        reported += chunk.length;
        options.onBytes?.(chunk.length);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), meter, createWriteStream(file), {
        signal,
      });
    } catch (cause) {
      await rm(file, { force: true });
      options.onBytes?.(-reported);
      if (options.signal?.aborted) throw cause;
      if (overflow) throw tooLarge(undefined);
      if (watchdog.signal.aborted) throw stalled(cause);
      throw new AgentError(
        `The download of ${label(pkg)} broke off. Check the internet connection and try again.`,
        "engine_download_broken",
        { cause },
      );
    }
    return { integrity: sha512Integrity(hash), bytes: received };
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
