// Checks that a build carries every model TinyAgent ships: each manifest entry whose URI is a file
// (not a download), its sidecar, and the example bank, byte for byte (size and SHA-256 where the
// manifest pins them). The models are committed under assets/models because `ray build` ships
// assets/ and nothing else, and the store builds with `npm ci && ray build -e dist` (no npm scripts).
//
//   npx tsx scripts/check-build.ts dist     # after `ray build -e dist`: what the store would publish
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseManifest } from "../src/agent/models/manifest";
import { parseModelUri } from "../src/agent/models/modelUri";

/** Files (relative to the models folder) that ship besides the models and their sidecars. */
export const SHIPPED_FILES = ["manifest.json", "example-bank.jsonl"];

/** Every file the manifest in `modelsDir` says ships, relative to it. */
export function shippedFiles(modelsDir: string): string[] {
  const manifestPath = join(modelsDir, "manifest.json");
  const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, "utf8")), manifestPath);
  const models = manifest.models.flatMap((m) => {
    const source = parseModelUri(m.uri);
    if (!source.ok || source.source.kind !== "embedded") return [];
    // A classifier's or tagger's sidecar (labels, thresholds) lives next to its model file.
    return m.role === "planner" ? [source.source.path] : [source.source.path, join(dirname(source.source.path), m.sidecar)];
  });
  return [...SHIPPED_FILES, ...models];
}

/**
 * Problems with the models folder `shipped` against the project's `source` folder: a file missing,
 * different from the project's, or one the manifest does not name (a stale model shipped by mistake).
 */
export function buildProblems(source: string, shipped: string): string[] {
  const expected = shippedFiles(source);
  const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
  const problems = expected.flatMap((file) => {
    const path = join(shipped, file);
    if (!existsSync(path)) return [`${file} is missing`];
    if (statSync(path).size !== statSync(join(source, file)).size || sha(path) !== sha(join(source, file)))
      return [`${file} differs from the project's`];
    return [];
  });
  const listed = new Set(expected);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [relative(shipped, join(dir, e.name))],
    );
  for (const file of existsSync(shipped) ? walk(shipped) : []) if (!listed.has(file)) problems.push(`${file} is not in the manifest`);
  return problems;
}

if (require.main === module) {
  const root = join(__dirname, "..");
  const dist = process.argv[2];
  if (!dist) {
    console.error("usage: npx tsx scripts/check-build.ts <the folder ray build wrote, e.g. dist>");
    process.exit(2);
  }
  const shipped = join(dist, "assets", "models");
  const problems = buildProblems(join(root, "assets", "models"), shipped);
  if (problems.length > 0) {
    console.error(`The build in ${dist} does not carry the models TinyAgent ships:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  const bytes = shippedFiles(shipped).reduce((sum, f) => sum + statSync(join(shipped, f)).size, 0);
  console.log(`${shipped}: ${shippedFiles(shipped).length} files, ${(bytes / 1e6).toFixed(1)} MB, all as in assets/models`);
}
