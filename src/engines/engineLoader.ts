import { AgentError } from "../core/errors";
import { engineInstallNeeded, ensureEngines, markIfDamaged, type EngineInstallOptions, type InstallOutcome } from "./engineInstaller";
import { engineEntryUrl } from "./engineLayout";
import type { EngineName } from "./engineLock";

/**
 * The one place that imports the native engines. Both are ESM with native addons, so they are
 * loaded with import() at run time (never bundled): from the project's node_modules in tests and the
 * CLI; inside Raycast from a copy installed under the extension's support folder, because `ray build`
 * ships no node_modules and refuses native addons. The Raycast command layer calls
 * `useEngineDirectory(join(environment.supportPath, "engines"), { onProgress })` before the first load.
 */
import type { EngineModules, NodeLlamaCpp, OnnxRuntime } from "../core/engineModules";

type Source = { kind: "project" } | { kind: "directory"; dir: string; options: EngineInstallOptions };

let source: Source = { kind: "project" };
let ready: Promise<InstallOutcome> | undefined;
/** The engines were checked (or installed) whole in this thread: no request needs to look again. */
let prepared = false;
let llama: Promise<NodeLlamaCpp> | undefined;
let onnx: Promise<OnnxRuntime> | undefined;

/**
 * Load the engines from `dir/node_modules`, installing them there first when that tree is missing,
 * for other versions, or damaged. Takes effect for loads that have not started yet.
 */
export function useEngineDirectory(dir: string, options: EngineInstallOptions = {}): void {
  source = { kind: "directory", dir, options };
  ready = llama = onnx = undefined;
  prepared = false;
}

/** Back to the project's own dependencies (the default). */
export function useProjectEngines(): void {
  source = { kind: "project" };
  ready = llama = onnx = undefined;
  prepared = false;
}

/**
 * What installing the engines would download before they can load (a view asks before it starts);
 * undefined when they are there, or when the project's own engines are used.
 */
export async function enginesToInstall(): Promise<{ bytes: number; reason: string } | undefined> {
  // Checking stats every installed file: once prepareEngines has done it, every later request skips it.
  if (source.kind === "project" || prepared) return undefined;
  return engineInstallNeeded(source.dir, source.options);
}

/**
 * Installs the engines if the folder needs it (once per thread), reporting progress. Loads call it;
 * a view can call it first to show the download, with a signal that stops it (a stopped install
 * keeps nothing: the next one starts over). Nothing to do with the project's engines.
 */
export function prepareEngines(signal?: AbortSignal): Promise<InstallOutcome | undefined> {
  if (source.kind === "project") return Promise.resolve(undefined);
  const { dir, options } = source;
  ready ??= ensureEngines(dir, signal ? { ...options, signal } : options)
    .then((outcome) => {
      prepared = true;
      return outcome;
    })
    .catch((error: unknown) => {
      ready = undefined; // a later load tries again
      throw error;
    });
  return ready;
}

export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  llama ??= retryable(
    source.kind === "project"
      ? importProjectEngine<NodeLlamaCpp>("node-llama-cpp")
      : loadFromDirectory<NodeLlamaCpp>("node-llama-cpp", source.dir),
    () => (llama = undefined),
  );
  return llama;
}

/**
 * How llama.cpp is started everywhere (the planner and the engine check): a prebuilt binary only,
 * never a build from source (there is no compiler on a user's Mac); the CPU build off macOS (the
 * only one installed), the default (Metal, the only prebuilt) on macOS, where models are loaded
 * with no layers on the GPU unless the manifest says otherwise.
 */
export const LLAMA_START_OPTIONS: { build: "never"; gpu?: false } =
  process.platform === "darwin" ? { build: "never" } : { build: "never", gpu: false };

/**
 * onnxruntime-node 1.30's telemetry, on by default, reads /proc/self/cmdline, /etc/machine-id and
 * /etc/os-release and writes /tmp/mat-debug-<pid>.log when the first session is created. Nothing of
 * that belongs in an agent that keeps everything on the Mac, and on Linux it crashed the process
 * (SIGSEGV, a stack overflow inside libonnxruntime) once the command line passed about 29 KB. The
 * variable is read when a session is created, so setting it wherever the engine is loaded (every
 * session, the engine check's included) is enough.
 */
export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  process.env.ORT_DISABLE_TELEMETRY = "1";
  onnx ??= retryable(
    source.kind === "project"
      ? importProjectEngine<OnnxRuntime>("onnxruntime-node")
      : loadFromDirectory<OnnxRuntime>("onnxruntime-node", source.dir),
    () => (onnx = undefined),
  );
  return onnx;
}

/** A failed load is forgotten, so "Try Again" tries again (a damaged install is repaired on it). */
function retryable<T>(load: Promise<T>, forget: () => void): Promise<T> {
  load.catch(forget);
  return load;
}

/**
 * import() of a name held in a variable: a bundler (esbuild in `ray build`) follows import("literal")
 * and fails on these engines (top-level await, .node files, other platforms' packages), but leaves a
 * computed import() to Node.
 */
function importProjectEngine<T>(engine: EngineName): Promise<T> {
  const specifier: string = engine;
  return import(specifier) as Promise<T>;
}

async function loadFromDirectory<T>(engine: EngineName, dir: string): Promise<T> {
  const outcome = (await prepareEngines())!;
  if (!outcome.marker.engines.includes(engine)) {
    throw new AgentError(
      `${engine} has no build for ${outcome.platform}, so this feature is not available on this Mac.`,
      "engine_unavailable",
    );
  }
  try {
    return (await import(engineEntryUrl(dir, engine))) as T;
  } catch (cause) {
    const damage = await markIfDamaged(dir, source.kind === "directory" ? source.options : {}).catch(() => undefined);
    throw new AgentError(
      damage
        ? `TinyAgent's ${engine} engine is damaged (${damage}). Run the command again to download it again.`
        : `TinyAgent could not load its ${engine} engine. Quit and reopen Raycast; if that does not help, reinstall TinyAgent.`,
      "engine_load",
      { cause },
    );
  }
}

/** What the wiring hands to agent and classifier: these loaders and start options. */
export const ENGINE_MODULES: EngineModules = {
  nodeLlamaCpp: loadNodeLlamaCpp,
  onnxRuntime: loadOnnxRuntime,
  llamaStartOptions: LLAMA_START_OPTIONS,
};
