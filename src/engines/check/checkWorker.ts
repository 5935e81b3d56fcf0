import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { useEngineDirectory } from "../engineLoader";
import { EngineCheckRequestSchema, runEngineCheck, type EngineCheckReport } from "./engineCheck";

/**
 * The engine check's worker thread (bundled by checkInWorker the way `ray build` bundles a command).
 * Posts one message: { ok: true, report } or { ok: false, error }.
 */

export type CheckWorkerMessage =
  { ok: true; report: EngineCheckReport } | { ok: false; error: { message: string; code?: string; cause?: string } };

async function main(): Promise<CheckWorkerMessage> {
  const request = EngineCheckRequestSchema.parse(workerData);
  if (request.dir) useEngineDirectory(request.dir, { cacheDir: request.cacheDir });
  const report = await runEngineCheck(request);
  const heap = getHeapStatistics();
  return {
    ok: true,
    report: { ...report, heapUsedMb: round(heap.used_heap_size / 2 ** 20), heapLimitMb: round(heap.heap_size_limit / 2 ** 20) },
  };
}

const round = (mb: number) => Math.round(mb * 10) / 10;

main().then(
  (message) => parentPort?.postMessage(message),
  (error: unknown) => {
    const e = error as { message?: string; code?: unknown; cause?: unknown };
    parentPort?.postMessage({
      ok: false,
      error: {
        message: e.message ?? String(error),
        code: typeof e.code === "string" ? e.code : undefined,
        cause: e.cause === undefined ? undefined : String(e.cause),
      },
    } satisfies CheckWorkerMessage);
  },
);
