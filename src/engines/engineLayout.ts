import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { EngineNameSchema, platformLockDigest, type EngineName, type PlatformLock } from "./engineLock";
import { mapLimit } from "../core/util/mapLimit";
import { fileSha256 } from "./integrity";

/**
 * Where an installation lives and how to tell it is whole. An engine folder holds one
 * `node_modules` tree laid out as package-lock.json lays it out (so Node's resolver finds every
 * dependency from where it is imported), and inside it a marker written last: the lock digest it was
 * installed from and every file with its size and sha256.
 */

export const MARKER_FILE = ".tinyagent-engines.json";

/** Each engine's ESM entry point, relative to its package folder. */
const ENTRY: Record<EngineName, string> = { "node-llama-cpp": "dist/index.js", "onnxruntime-node": "dist/index.js" };

export const nodeModulesDir = (dir: string) => join(dir, "node_modules");
export const markerPath = (dir: string) => join(nodeModulesDir(dir), MARKER_FILE);

/** The URL to import() an engine from an engine folder (a file URL: import() takes no paths). */
export function engineEntryUrl(dir: string, engine: EngineName): string {
  return pathToFileURL(join(nodeModulesDir(dir), engine, ENTRY[engine])).href;
}

export const InstallMarkerSchema = z.object({
  format: z.literal(1),
  platform: z.string(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  engines: z.array(EngineNameSchema),
  installedAt: z.string(),
  /** Path relative to the engine folder → [size in bytes, sha256 hex]. */
  files: z.record(z.string(), z.tuple([z.number().int().nonnegative(), z.string().length(64)])),
});
export type InstallMarker = z.infer<typeof InstallMarkerSchema>;

/**
 * "sizes" stats every file (fast enough for every start); "hashes" also reads and hashes them
 * (about 0.1 s per 100 MB), for `npm run engine -- check` and after an engine failed to load.
 */
export type VerifyLevel = "sizes" | "hashes";

export type Verification = { ok: true; marker: InstallMarker } | { ok: false; problem: string };

export async function verifyInstallation(
  dir: string,
  platform: string,
  lock: PlatformLock,
  level: VerifyLevel = "sizes",
): Promise<Verification> {
  let marker: InstallMarker;
  try {
    const parsed = InstallMarkerSchema.safeParse(JSON.parse(await readFile(markerPath(dir), "utf8")));
    if (!parsed.success) return { ok: false, problem: "the installation marker is malformed" };
    marker = parsed.data;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === "ENOENT" ? "no finished installation" : "the installation marker is unreadable" };
  }
  if (marker.platform !== platform || marker.digest !== platformLockDigest(lock)) {
    return { ok: false, problem: "the installation is for other engine versions" };
  }
  const missingEngine = lock.engines.find((engine) => !marker.files[`node_modules/${engine}/${ENTRY[engine]}`]);
  if (missingEngine) return { ok: false, problem: `${missingEngine} is missing` };

  const entries = Object.entries(marker.files);
  // Stat (and hash) a few files at a time: thousands of them, mostly small.
  const problems = await mapLimit(entries, 64, async ([path, [size, sha256]]) => {
    const full = join(dir, path);
    try {
      const info = await stat(full);
      if (!info.isFile() || info.size !== size) return `${path} has changed`;
      if (level === "hashes" && (await fileSha256(full)) !== sha256) return `${path} has changed`;
      return undefined;
    } catch {
      return `${path} is missing`;
    }
  });
  const problem = problems.find((p) => p !== undefined);
  return problem ? { ok: false, problem } : { ok: true, marker };
}
