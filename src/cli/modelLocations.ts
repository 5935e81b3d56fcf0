import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { defaultModel, loadManifest, parseManifest, type Manifest } from "../agent/models/manifest";
import { UsageError } from "./cliErrors";

/**
 * The project's assets/models/ folder: embedded models' URIs are relative to it. The models live
 * under assets/ because that is what `ray build` ships, so the store's build carries them as committed.
 */
export const PROJECT_MODELS_DIR = join(__dirname, "../../assets/models");

export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.TINYAGENT_MODELS_DIR) return resolve(env.TINYAGENT_MODELS_DIR);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(home, ".cache"), "tinyagent", "models");
}

/** The bundled manifest, or another one (`--manifest`); embedded models live next to it. */
export async function readManifest(path: string | undefined): Promise<{ manifest: Manifest; embeddedDir: string }> {
  if (path === undefined) return { manifest: loadManifest(), embeddedDir: PROJECT_MODELS_DIR };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read the manifest ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { manifest: parseManifest(json, path), embeddedDir: dirname(resolve(path)) };
}

/** The shipped classifier's sidecar (labels, thresholds, featurizer settings) in assets/models/. */
export function projectClassifierSidecar(): string {
  const entry = defaultModel(loadManifest(), "classifier");
  if (!entry) throw new UsageError("the manifest names no default classifier");
  return join(PROJECT_MODELS_DIR, entry.sidecar);
}

/** The bundled value tagger's sidecar (the manifest's default tagger). */
export function projectTaggerSidecar(): string {
  const entry = defaultModel(loadManifest(), "tagger");
  if (!entry) throw new UsageError("the manifest names no default value tagger");
  return join(PROJECT_MODELS_DIR, entry.sidecar);
}
