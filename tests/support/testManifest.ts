import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadManifest } from "../../src/agent/models/manifest";

const PROJECT_MODELS = join(__dirname, "../../assets/models");

function fileEntry(dir: string, file: string) {
  const bytes = readFileSync(join(dir, file));
  return { uri: file, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/**
 * A manifest in a temporary folder whose default planner is the given model file, shipped next to
 * it (embedded), with the project's value tagger beside it (a `compact` planner plans over the
 * values it finds); with `classifier`, the project's own classifier is shipped beside it too.
 */
export function manifestWithPlanner(modelPath: string, options: { classifier?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "tinyagent-manifest-"));
  copyFileSync(modelPath, join(dir, "planner.gguf"));
  const models: unknown[] = [
    {
      id: "tiny-test",
      title: "Tiny Test Planner",
      role: "planner",
      ...fileEntry(dir, "planner.gguf"),
      format: "gguf",
      license: "MIT",
      default: true,
      promptFormat: "compact",
      chatTemplate: { kind: "none" },
      contextSize: 2048,
      threads: 1,
      gpuLayers: 0,
    },
  ];
  const tagger = loadManifest().models.find((m) => m.role === "tagger" && m.default)!;
  if (tagger.role !== "tagger") throw new Error("no value tagger in the project manifest");
  copyFileSync(join(PROJECT_MODELS, tagger.uri), join(dir, tagger.uri));
  copyFileSync(join(PROJECT_MODELS, tagger.sidecar), join(dir, tagger.sidecar));
  models.push(tagger);
  if (options.classifier) {
    const entry = loadManifest().models.find((m) => m.role === "classifier" && m.default)!;
    if (entry.role !== "classifier") throw new Error("no classifier in the project manifest");
    copyFileSync(join(PROJECT_MODELS, entry.uri), join(dir, entry.uri));
    copyFileSync(join(PROJECT_MODELS, entry.sidecar), join(dir, entry.sidecar));
    models.push(entry);
  }
  const path = join(dir, "manifest.json");
  writeFileSync(path, JSON.stringify({ models }));
  return path;
}
