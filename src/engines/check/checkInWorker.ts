import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { AgentError, isErrorCode } from "../../core/errors";
import { ENGINE_NAMES, type EngineName } from "../engineLock";
import type { CheckWorkerMessage } from "./checkWorker";
import type { EngineCheckReport } from "./engineCheck";
import { writeTinyLlama } from "../../gguf/tinyLlama";
import { writeTinyOnnxModel } from "./tinyOnnx";

/**
 * Runs the engine check the way Raycast runs an extension: the worker's code is bundled by esbuild
 * with `ray build`'s settings (CommonJS, node22, import() left alone), and runs in a worker thread
 * whose JS heap is capped (Raycast caps it; native memory is outside the cap). The tiny models are
 * written to a temporary folder first. Development only (CLI and tests): it needs esbuild.
 */

const PROJECT_ROOT = join(__dirname, "..", "..", "..");

export interface CheckInWorkerOptions {
  /** An engine folder; absent: the project's own dependencies. Installed first if needed, in the worker. */
  dir?: string;
  /** A download cache for that install (tests). */
  cacheDir?: string;
  engines?: readonly EngineName[];
  heapMb?: number;
  threads?: number;
  timeoutMs?: number;
  /** The embedded classifier's sidecar, to run it too. */
  classifierSidecar?: string;
}

export interface CheckInWorkerResult {
  report: EngineCheckReport;
  /** Writing the models, bundling, starting the worker and the check, end to end. */
  totalMs: number;
  bundleMs: number;
}

export async function checkEnginesInWorker(options: CheckInWorkerOptions = {}): Promise<CheckInWorkerResult> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), "tinyagent-engine-check-"));
  const cleanup = [work];
  try {
    const ggufPath = join(work, "tiny-llama.gguf");
    const onnxPath = join(work, "tiny.onnx");
    writeTinyLlama(ggufPath);
    writeTinyOnnxModel(onnxPath);

    const bundleStart = performance.now();
    // The bundle sits under the project's node_modules, so that without an engine folder its
    // import("node-llama-cpp") finds the project's own copy, as the CLI's would.
    const cacheRoot = join(PROJECT_ROOT, "node_modules", ".cache");
    await mkdir(cacheRoot, { recursive: true });
    const bundleDir = await mkdtemp(join(cacheRoot, "tinyagent-engine-check-"));
    cleanup.push(bundleDir);
    const bundle = join(bundleDir, "checkWorker.cjs");
    await build({
      entryPoints: [join(__dirname, "checkWorker.ts")],
      outfile: bundle,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node22",
      logLevel: "silent",
    });
    const bundleMs = performance.now() - bundleStart;

    const worker = new Worker(bundle, {
      workerData: {
        dir: options.dir,
        cacheDir: options.cacheDir,
        engines: options.engines ?? ENGINE_NAMES,
        ggufPath,
        onnxPath,
        threads: options.threads ?? Math.min(2, availableParallelism()),
        ...(options.classifierSidecar ? { classifierSidecar: options.classifierSidecar } : {}),
      },
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 64 },
      stdout: false,
      stderr: false,
    });
    const message = await waitForMessage(worker, options.timeoutMs ?? 120_000);
    if (!message.ok) {
      throw new AgentError(
        `The engine check failed: ${message.error.message}`,
        isErrorCode(message.error.code) ? message.error.code : "engine_check",
        {
          cause: message.error.cause,
        },
      );
    }
    return { report: message.report, totalMs: performance.now() - started, bundleMs };
  } finally {
    for (const path of cleanup) await rm(path, { recursive: true, force: true });
  }
}

function waitForMessage(worker: Worker, timeoutMs: number): Promise<CheckWorkerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new AgentError(`The engine check did not finish within ${timeoutMs / 1000} s.`, "engine_check_timeout"));
    }, timeoutMs);
    worker.once("message", (message: CheckWorkerMessage) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once("error", (cause) => {
      clearTimeout(timer);
      // e.g. ERR_WORKER_OUT_OF_MEMORY when the heap cap is too small.
      reject(new AgentError(`The engine check's worker failed: ${cause.message}`, "engine_check", { cause }));
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new AgentError(`The engine check's worker exited (code ${code}) without an answer.`, "engine_check"));
    });
  });
}
