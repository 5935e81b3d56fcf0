// Copies the models that ship with TinyAgent (manifest entries whose uri is a path inside models/)
// and the example bank into assets/models, because `ray build` ships only the bundle, package.json
// and assets/. Raycast then finds them under environment.assetsPath/models. Run by `npm run build`
// and `npm run dev`; assets/models is generated (git-ignored) and rebuilt from scratch each time.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseManifest } from "../src/agent/models/manifest";
import { parseModelUri } from "../src/agent/models/modelUri";

/** Files (relative to models/) that travel with the extension besides the embedded models. */
export const SHIPPED_FILES = ["example-bank.jsonl"];

/** Copies what ships from `modelsDir` to `targetDir`; returns the copied paths, relative to modelsDir. */
export function embedModels(modelsDir: string, targetDir: string): string[] {
  const manifestPath = join(modelsDir, "manifest.json");
  const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, "utf8")), manifestPath);
  const embedded = manifest.models.flatMap((m) => {
    const source = parseModelUri(m.uri);
    if (!source.ok || source.source.kind !== "embedded") return [];
    // A classifier's or tagger's sidecar (labels, thresholds) lives next to its model file.
    return m.role === "planner" ? [source.source.path] : [source.source.path, join(dirname(source.source.path), m.sidecar)];
  });
  const missing = embedded.filter((path) => !existsSync(join(modelsDir, path)));
  if (missing.length > 0) throw new Error(`the manifest lists embedded models that are not in ${modelsDir}: ${missing.join(", ")}`);
  const files = [...embedded, ...SHIPPED_FILES.filter((f) => existsSync(join(modelsDir, f)))];
  rmSync(targetDir, { recursive: true, force: true });
  for (const path of files) {
    mkdirSync(dirname(join(targetDir, path)), { recursive: true });
    copyFileSync(join(modelsDir, path), join(targetDir, path));
  }
  mkdirSync(targetDir, { recursive: true });
  return files;
}

if (require.main === module) {
  const root = join(__dirname, "..");
  const files = embedModels(join(root, "models"), join(root, "assets", "models"));
  console.log(files.length > 0 ? `assets/models: ${files.join(", ")}` : "assets/models: no embedded model in the manifest");
}
