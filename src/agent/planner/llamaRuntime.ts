import { availableParallelism } from "node:os";
import type { EngineModules, NodeLlamaCpp } from "../../core/engineModules";
import { AgentError } from "../../core/errors";

type Llama = Awaited<ReturnType<NodeLlamaCpp["getLlama"]>>;
type LlamaModel = Awaited<ReturnType<Llama["loadModel"]>>;
type LlamaContext = Awaited<ReturnType<LlamaModel["createContext"]>>;

export interface LoadedModel {
  lib: NodeLlamaCpp;
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  /** The one sequence requests share, so a repeated prompt prefix is not evaluated again. */
  sequence: ReturnType<LlamaContext["getSequence"]>;
  threads: number;
}

export interface LoadModelOptions {
  modelPath: string;
  /** The engine, as the wiring hands it down; one per process (the loaded models are kept per file and settings). */
  engines: EngineModules;
  contextSize: number;
  /** Threads for evaluation; default: the machine's cores. Always passed explicitly (see platform notes). */
  threads?: number;
  /** Layers on the GPU (Metal): a count, "auto" or "max"; always 0 without a GPU. */
  gpuLayers?: number | "auto" | "max";
}

let llamaInstance: Promise<Llama> | undefined;
const loaded = new Map<string, Promise<LoadedModel>>();

/** The process's one llama.cpp instance, started as everywhere in the project (the engines' start options), or a clear error. */
export function getLlamaInstance(engines: EngineModules): Promise<Llama> {
  llamaInstance ??= (async () => {
    const lib = await engines.nodeLlamaCpp();
    try {
      return await lib.getLlama({
        ...engines.llamaStartOptions,
        logLevel: lib.LlamaLogLevel.error,
      });
    } catch (cause) {
      llamaInstance = undefined;
      throw new AgentError(
        "The planner engine (llama.cpp) could not start on this machine. Reinstall the extension's engines.",
        "engine_unavailable",
        { cause },
      );
    }
  })();
  return llamaInstance;
}

/** One loaded model and context per model file and settings, kept for the process's life. */
export function loadPlannerModel(options: LoadModelOptions): Promise<LoadedModel> {
  const threads = options.threads ?? availableParallelism();
  const { engines, ...settings } = options;
  const key = JSON.stringify({ ...settings, threads });
  let entry = loaded.get(key);
  if (!entry) {
    entry = (async () => {
      const lib = await engines.nodeLlamaCpp();
      const llama = await getLlamaInstance(engines);
      let model: LlamaModel | undefined;
      try {
        model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: llama.gpu === false ? 0 : (options.gpuLayers ?? 0) });
        const context = await model.createContext({ contextSize: options.contextSize, threads, sequences: 1 });
        return { lib, llama, model, context, sequence: context.getSequence(), threads };
      } catch (cause) {
        await model?.dispose();
        throw loadError(lib, options.modelPath, cause);
      }
    })();
    entry.catch(() => loaded.delete(key));
    loaded.set(key, entry);
  }
  return entry;
}

/**
 * Why a checked model file (the store verified it before) would not load: memory, most often, or
 * a model this engine cannot run. Either way, downloading it again would not help.
 */
function loadError(lib: NodeLlamaCpp, path: string, cause: unknown): AgentError {
  if (cause instanceof lib.InsufficientMemoryError) {
    return new AgentError(
      "There is not enough free memory to load the planner model. Quit some apps, or choose a smaller model in Manage Models.",
      "insufficient_memory",
      {
        cause,
      },
    );
  }
  return new AgentError(
    `The planner model ${path} could not be loaded by this engine (${(cause as Error).message}). Choose another model in Manage Models.`,
    "model_unloadable",
    { cause },
  );
}

/** Frees every loaded model (tests, benchmarks). */
export async function disposeLoadedModels(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  for (const p of all) {
    const m = await p.catch(() => undefined);
    if (m) {
      await m.context.dispose();
      await m.model.dispose();
    }
  }
}
