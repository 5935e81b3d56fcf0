import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { AgentError } from "../core/errors";
import { mapLimit } from "../core/util/mapLimit";
import { fetchVerifiedTarball, tarballUrl, type DownloadOptions } from "./download";
import {
  currentPlatform,
  engineLock,
  platformLock,
  platformLockDigest,
  type EngineLock,
  type LockedPackage,
  type PlatformLock,
} from "./engineLock";
import { MARKER_FILE, markerPath, nodeModulesDir, verifyInstallation, type InstallMarker, type VerifyLevel } from "./engineLayout";
import { withFolderLock } from "../core/folderLock";
import { fileSha256 } from "./integrity";
import { extractPackage } from "./tarball";

/**
 * Installs the engines' packages into an engine folder from the npm registry, pinned by the bundled
 * lock: each tarball is checked against its sha512 before it is unpacked, only what runs is unpacked,
 * the tree is built in a sibling folder with its marker written last, then renamed into place. So the
 * live `node_modules` is always either a whole installation or absent, and a killed install leaves
 * only a staging folder that the next install deletes.
 */

export interface InstallProgress {
  phase: "downloading" | "finishing" | "done";
  packagesDone: number;
  packagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** The package that moved last. */
  current?: string;
}

export interface EngineInstallOptions extends Omit<DownloadOptions, "onBytes"> {
  /** Lock platform key; this machine's by default. Another platform can be installed (to measure it), not loaded. */
  platform?: string;
  lock?: EngineLock;
  /** How an existing installation is checked before it is trusted (default "sizes"). */
  verify?: VerifyLevel;
  /** Packages downloaded and unpacked at once (default 4). */
  concurrency?: number;
  onProgress?: (progress: InstallProgress) => void;
  /** Called when another installer holds the folder and this one waits for it. */
  onWait?: () => void;
}

export interface InstallOutcome {
  platform: string;
  /** False when a whole installation was already there. */
  installed: boolean;
  /** Why it was (re)installed: "no finished installation", "… has changed"... */
  reason?: string;
  marker: InstallMarker;
}

const PROGRESS_INTERVAL_MS = 100;

/** Bytes an install downloads: each tarball once (the same one can sit at several paths). */
export function downloadBytes(entry: PlatformLock): number {
  return [...new Map(entry.packages.map((p) => [p.integrity, p.size])).values()].reduce((sum, size) => sum + size, 0);
}

/** What an install would download, and why it is needed; undefined when a whole installation is there. */
export async function engineInstallNeeded(
  dir: string,
  options: Pick<EngineInstallOptions, "platform" | "lock" | "verify"> = {},
): Promise<{ bytes: number; reason: string } | undefined> {
  const platform = options.platform ?? currentPlatform();
  const entry = platformLock(platform, options.lock ?? engineLock());
  const found = await verifyInstallation(dir, platform, entry, options.verify);
  return found.ok ? undefined : { bytes: downloadBytes(entry), reason: found.problem };
}

/** Makes sure the engine folder holds a whole installation for the lock, installing it when not. */
export async function ensureEngines(dir: string, options: EngineInstallOptions = {}): Promise<InstallOutcome> {
  const platform = options.platform ?? currentPlatform();
  const lock = options.lock ?? engineLock();
  const entry = platformLock(platform, lock);
  const found = await verifyInstallation(dir, platform, entry, options.verify);
  if (found.ok) return { platform, installed: false, marker: found.marker };
  return withFolderLock(
    dir,
    async () => {
      // Another thread may have installed it while this one waited.
      const again = await verifyInstallation(dir, platform, entry, options.verify);
      if (again.ok) return { platform, installed: false, marker: again.marker };
      const marker = await installUnlocked(dir, platform, lock, options);
      return { platform, installed: true, reason: found.problem, marker };
    },
    { signal: options.signal, onWait: options.onWait },
  );
}

/** Installs afresh, whatever the folder holds. */
export async function reinstallEngines(dir: string, options: EngineInstallOptions = {}): Promise<InstallOutcome> {
  const platform = options.platform ?? currentPlatform();
  const lock = options.lock ?? engineLock();
  platformLock(platform, lock);
  const marker = await withFolderLock(dir, () => installUnlocked(dir, platform, lock, options), {
    signal: options.signal,
    onWait: options.onWait,
  });
  return { platform, installed: true, reason: "reinstall requested", marker };
}

/**
 * After an engine failed to load: hashes every file, and when the installation is damaged removes
 * its marker so the next start installs it again (a module that failed to load stays failed in this
 * thread). Returns the problem found, if any.
 */
export async function markIfDamaged(dir: string, options: EngineInstallOptions = {}): Promise<string | undefined> {
  const platform = options.platform ?? currentPlatform();
  const found = await verifyInstallation(dir, platform, platformLock(platform, options.lock ?? engineLock()), "hashes");
  if (found.ok) return undefined;
  await rm(markerPath(dir), { force: true });
  return found.problem;
}

async function installUnlocked(dir: string, platform: string, lock: EngineLock, options: EngineInstallOptions): Promise<InstallMarker> {
  const entry = platformLock(platform, lock);
  await removeLeftovers(dir);
  const staging = await mkdtemp(join(dir, ".staging-"));
  // One failed package stops the downloads still running.
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;

  const progress: InstallProgress = {
    phase: "downloading",
    packagesDone: 0,
    packagesTotal: entry.packages.length,
    bytesDone: 0,
    bytesTotal: downloadBytes(entry),
  };
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    options.onProgress?.({ ...progress });
  };
  report(true);

  try {
    const sizes = new Map<string, number>();
    // The same tarball can sit at several paths (chalk under three packages): fetch it once.
    const byTarball = new Map<string, LockedPackage[]>();
    for (const p of entry.packages) byTarball.set(p.integrity, [...(byTarball.get(p.integrity) ?? []), p]);
    // Largest first, so the big downloads overlap the many small ones.
    const order = [...byTarball.values()].sort((a, b) => b[0]!.size - a[0]!.size);
    await mapLimit(order, options.concurrency ?? 4, async (group: LockedPackage[]) => {
      const first = group[0]!;
      try {
        const url = tarballUrl(first, lock.registry, options.registry);
        const tarball = await fetchVerifiedTarball(first, url, join(staging, "downloads"), {
          cacheDir: options.cacheDir,
          signal,
          stallTimeoutMs: options.stallTimeoutMs,
          onBytes: (bytes) => {
            progress.bytesDone += bytes;
            progress.current = first.name;
            report();
          },
        });
        for (const pkg of group) {
          const dest = join(staging, pkg.path);
          await mkdir(dest, { recursive: true });
          const files = await extractPackage(tarball, dest, { label: `${pkg.name}@${pkg.version}`, skip: pkg.skip });
          for (const file of files) sizes.set(`${pkg.path}/${file.path}`, file.size);
          progress.packagesDone += 1;
          progress.current = pkg.name;
          report(true);
        }
        if (dirname(tarball) === join(staging, "downloads")) await rm(tarball, { force: true });
      } catch (error) {
        abort.abort();
        if (isDiskFull(error)) {
          throw new AgentError(
            "There is not enough free disk space to install TinyAgent's engines. Free some space and try again.",
            "engine_disk_full",
            {
              cause: error,
            },
          );
        }
        throw error;
      }
    });

    progress.phase = "finishing";
    report(true);
    const paths = [...sizes.keys()].sort();
    const hashes = await mapLimit(paths, 8, (path) => fileSha256(join(staging, path)));
    const marker: InstallMarker = {
      format: 1,
      platform,
      digest: platformLockDigest(entry),
      engines: entry.engines,
      installedAt: new Date().toISOString(),
      files: Object.fromEntries(paths.map((path, i) => [path, [sizes.get(path)!, hashes[i]!]])),
    };
    await rm(join(staging, "downloads"), { recursive: true, force: true });
    // Written last: a tree without it is never taken for a finished one.
    await writeFile(join(staging, "node_modules", MARKER_FILE), JSON.stringify(marker));
    await swapIn(dir, join(staging, "node_modules"));
    progress.phase = "done";
    report(true);
    return marker;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function isDiskFull(error: unknown): boolean {
  let e = error;
  for (let depth = 0; e && depth < 5; depth++, e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === "ENOSPC") return true;
  return false;
}

/** Replaces the live tree with the finished one: rename the old one aside, rename the new one in. */
async function swapIn(dir: string, finished: string): Promise<void> {
  const live = nodeModulesDir(dir);
  const retired = join(dir, `.retired-${randomUUID()}`);
  try {
    await rename(live, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await rename(finished, live);
  await rm(retired, { recursive: true, force: true });
}

/** Staging and retired trees of installs that were killed (the caller holds the folder lock). */
async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(".staging-") || n.startsWith(".retired-"))
      .map((n) => rm(join(dir, n), { recursive: true, force: true })),
  );
}
