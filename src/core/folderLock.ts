import { randomUUID } from "node:crypto";
import { lstat, mkdir, open, readFile, rm, utimes } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { threadId } from "node:worker_threads";

/**
 * One installer (or one download of a model: `file` names its lock) at a time per folder, across
 * the worker threads Raycast runs commands in (they share a process id, so the lock is a file, not
 * a pid check). The holder touches the file while it works; a lock untouched for `staleMs` was left
 * by a killed installer and is taken over, by one waiter at a time. Each lock carries its holder's
 * token, so a holder that stalled past the stale time and was taken over leaves its successor's.
 */
export async function withFolderLock<T>(
  dir: string,
  fn: () => Promise<T>,
  options: { signal?: AbortSignal; staleMs?: number; pollMs?: number; onWait?: () => void; file?: string } = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  const path = join(dir, options.file ?? ".install.lock");
  const token = randomUUID();
  await mkdir(dir, { recursive: true });
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(JSON.stringify({ token, pid: process.pid, threadId, since: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await takeOverIfStale(path, staleMs)) continue;
      if (!waited) options.onWait?.();
      waited = true;
      await sleep(options.pollMs ?? 250, undefined, { signal: options.signal });
    }
  }
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, staleMs / 4);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    // Taken over while stalled: the file is now the next holder's, not ours to remove.
    if ((await lockToken(path)) === token) await rm(path, { force: true });
  }
}

async function lockToken(path: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(path, "utf8")) as { token?: string }).token ?? "";
  } catch {
    // Missing, or a lock whose holder died between creating and writing it.
    return undefined;
  }
}

/** How long ago the file (not what a link points to) was touched; undefined once it is gone. */
async function ageOf(file: string): Promise<number | undefined> {
  try {
    return Date.now() - (await lstat(file)).mtimeMs;
  } catch (error) {
    // Anything but "gone" (no permission, say) would make the caller retry at once, forever.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Removes the lock at `path` if it is stale; true when the caller should try to lock again. Many
 * waiters can find the same lock stale at once, and a fresh lock may replace it meanwhile, so one
 * waiter at a time (holding a guard file) looks again and removes it.
 */
async function takeOverIfStale(path: string, staleMs: number): Promise<boolean> {
  const age = await ageOf(path);
  if (age === undefined) return true;
  if (age <= staleMs) return false;
  const guard = `${path}.takeover`;
  try {
    await (await open(guard, "wx")).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // A waiter killed between two file operations here leaves its guard behind.
    const guardAge = await ageOf(guard);
    if (guardAge !== undefined && guardAge > staleMs) await rm(guard, { force: true });
    return false;
  }
  try {
    const again = await ageOf(path);
    if (again !== undefined && again > staleMs) await rm(path, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}
