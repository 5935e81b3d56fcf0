import { mkdir, open, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { threadId } from "node:worker_threads";

/**
 * One installer (or one download of a model: `file` names its lock) at a time per folder, across the worker threads Raycast runs commands in
 * (they share a process id, so the lock is a file, not a pid check). The holder touches the file
 * while it works; a lock untouched for `staleMs` was left by a killed installer and is taken over.
 */
export async function withFolderLock<T>(
  dir: string,
  fn: () => Promise<T>,
  options: { signal?: AbortSignal; staleMs?: number; pollMs?: number; onWait?: () => void; file?: string } = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  const path = join(dir, options.file ?? ".install.lock");
  await mkdir(dir, { recursive: true });
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(JSON.stringify({ pid: process.pid, threadId, since: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const info = await stat(path).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > staleMs) {
        await rm(path, { force: true });
        continue;
      }
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
    await rm(path, { force: true });
  }
}
