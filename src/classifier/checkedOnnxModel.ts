import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { InferenceSession } from "onnxruntime-node";
import type { z } from "zod";
import type { AgentError } from "../core/errors";
import type { OnnxRuntime } from "../core/engineModules";

export interface CheckedOnnxModel<S> {
  sidecar: S;
  session: InferenceSession;
  ort: OnnxRuntime;
}

interface OnnxSidecar {
  onnx: { file: string; sha256: string };
}

/**
 * The one way the project's small ONNX models are opened: the sidecar JSON read and checked against
 * its schema, the .onnx it names (same folder) read and checked against its SHA-256, then one
 * single-threaded onnxruntime session (a tiny model: handing work between threads costs more).
 * Every failure is `fail(message)` with what to do (`fix`); `check` refuses a sidecar this version
 * cannot read.
 */
export async function openCheckedOnnxModel<S extends OnnxSidecar>(
  sidecarPath: string,
  options: {
    schema: z.ZodType<S>;
    /** What the model is, for messages: "tool classifier", "value tagger". */
    what: string;
    fix: string;
    fail: (message: string, cause?: unknown) => AgentError;
    /** The engine, as the wiring hands it down (src/core/engineModules.ts). */
    onnxRuntime: () => Promise<OnnxRuntime>;
    check?: (sidecar: S) => string | undefined;
  },
): Promise<CheckedOnnxModel<S>> {
  const { what, fix, fail } = options;
  let sidecar: S;
  try {
    sidecar = options.schema.parse(JSON.parse(await readFile(sidecarPath, "utf8")));
  } catch (cause) {
    throw fail(`The ${what}'s description ${sidecarPath} is missing or unreadable. ${fix}`, cause);
  }
  const refused = options.check?.(sidecar);
  if (refused) throw fail(`${refused} ${fix}`);
  const onnxPath = sidecarPath.replace(/[^/\\]+$/, sidecar.onnx.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(onnxPath);
  } catch (cause) {
    throw fail(`The ${what} model ${onnxPath} is missing. ${fix}`, cause);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== sidecar.onnx.sha256) {
    throw fail(
      `The ${what} model ${onnxPath} does not match its checksum, so it is not loaded. ${fix}`,
      new Error(`sha256 ${sha256}, expected ${sidecar.onnx.sha256}`),
    );
  }
  const ort = await options.onnxRuntime();
  try {
    const session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
    return { sidecar, session, ort };
  } catch (cause) {
    throw fail(`onnxruntime could not load the ${what} model ${onnxPath}. ${fix}`, cause);
  }
}

/**
 * Opens each path once per process (the other arguments are the same for every call in a process:
 * the engine); a failed open is forgotten, so the next call tries again.
 */
export function onePerPath<T, A extends unknown[]>(
  open: (path: string, ...rest: A) => Promise<T>,
): (path: string, ...rest: A) => Promise<T> {
  const loaded = new Map<string, Promise<T>>();
  return (path, ...rest) => {
    let entry = loaded.get(path);
    if (!entry) {
      entry = open(path, ...rest);
      entry.catch(() => loaded.delete(path));
      loaded.set(path, entry);
    }
    return entry;
  };
}
