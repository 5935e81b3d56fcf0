import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { EngineModules } from "../../core/engineModules";
import { withFolderLock } from "../../core/folderLock";
import { AgentError } from "../../core/errors";
import { formatBytes } from "../../core/util/formatBytes";
import type { ModelEntry } from "./manifest";
import { checkModelFile, ggufHeaderProblem, sizeProblem } from "./modelFileCheck";
import { parseModelUri } from "./modelUri";

/**
 * - embedded: shipped in the project's models/ folder;
 * - downloaded: in the models folder, complete;
 * - partial: a download was started and can resume;
 * - not-downloaded: nothing of it on disk;
 * - corrupt: on disk but fails a quick check (wrong size or header): it is deleted before use;
 * - missing: an embedded model whose file is not there (a broken install).
 */
export const ModelStateSchema = z.enum(["embedded", "downloaded", "partial", "not-downloaded", "corrupt", "missing"]);
export type ModelState = z.infer<typeof ModelStateSchema>;

export interface ModelStatus {
  id: string;
  state: ModelState;
  /** Where the model file is, or will be once downloaded. */
  path: string;
  /** Bytes on disk: the file's size, or for a partial download roughly what has arrived. */
  bytesOnDisk: number;
  /**
   * The file is known to match the manifest: a download passed the full check (SHA-256, or size
   * and header) and has not changed since; an embedded file has the right size and its hash is
   * checked by the test suite (its folder is read-only, so there is no record to keep).
   */
  verified: boolean;
  /** SHA-256 of the file on disk, once verified. */
  sha256?: string;
  /** What is wrong, for corrupt and missing models. */
  problem?: string;
}

export interface ModelPaths {
  /** The usable model file. */
  file: string;
  /** A finished download not yet verified (the downloader's file name). */
  download: string;
  /** The downloader's in-progress file, which it resumes from. */
  downloadInProgress: string;
  /** What the last successful check found: lets later runs skip re-hashing an unchanged file. */
  record: string;
}

/** Written after a file passes checkModelFile; valid while the file keeps its size and mtime. */
const VerificationRecordSchema = z.object({
  id: z.string(),
  uri: z.string(),
  bytes: z.number(),
  mtimeMs: z.number(),
  sha256: z.string(),
});
type VerificationRecord = z.infer<typeof VerificationRecordSchema>;

/** node-llama-cpp's downloader (ipull) keeps an unfinished download as `<file name>.ipull`. */
const IN_PROGRESS_SUFFIX = ".ipull";

/**
 * Where models live and what state each is in. `dir` holds downloads (the CLI passes a per-user
 * cache folder, Raycast its support path); `embeddedDir` is the project's models/ folder, read-only.
 */
export class ModelStore {
  constructor(
    readonly dir: string,
    readonly embeddedDir: string,
    /** The engines that download and read these models, as the wiring hands them down. */
    readonly engines: EngineModules,
  ) {}

  pathsOf(entry: ModelEntry): ModelPaths {
    const source = parseModelUri(entry.uri);
    const file = source.ok && source.source.kind === "embedded" ? join(this.embeddedDir, source.source.path) : join(this.dir, fileNameOf(entry));
    const download = join(this.dir, `${fileNameOf(entry)}.download`);
    return { file, download, downloadInProgress: download + IN_PROGRESS_SUFFIX, record: join(this.dir, `${fileNameOf(entry)}.verified.json`) };
  }

  /** A quick look (no hashing): reads sizes, at most 8 bytes of the file, and the verification record. */
  async inspect(entry: ModelEntry): Promise<ModelStatus> {
    const paths = this.pathsOf(entry);
    const base = { id: entry.id, path: paths.file, bytesOnDisk: 0, verified: false };
    const file = await statOrUndefined(paths.file);
    if (isEmbedded(entry)) {
      if (!file) return { ...base, state: "missing", problem: `${paths.file} is not there` };
      const problem = sizeProblem(entry, file.size) ?? (entry.format === "gguf" ? await ggufHeaderProblem(paths.file) : undefined);
      return problem
        ? { ...base, state: "corrupt", bytesOnDisk: file.size, problem }
        : { ...base, state: "embedded", bytesOnDisk: file.size, verified: true, sha256: entry.sha256 ?? undefined };
    }
    if (file) {
      const record = await this.readRecord(entry, paths.record);
      if (record && record.bytes === file.size && record.mtimeMs === file.mtimeMs) {
        return { ...base, state: "downloaded", bytesOnDisk: file.size, verified: true, sha256: record.sha256 };
      }
      const problem = sizeProblem(entry, file.size) ?? (entry.format === "gguf" ? await ggufHeaderProblem(paths.file) : undefined);
      return problem
        ? { ...base, state: "corrupt", bytesOnDisk: file.size, problem }
        : { ...base, state: "downloaded", bytesOnDisk: file.size };
    }
    const partial = (await allocatedBytes(paths.download)) + (await allocatedBytes(paths.downloadInProgress));
    const started = (await statOrUndefined(paths.download)) ?? (await statOrUndefined(paths.downloadInProgress));
    if (started) return { ...base, state: "partial", bytesOnDisk: Math.min(partial, entry.bytes) };
    return { ...base, state: "not-downloaded" };
  }

  /**
   * The check before first use: returns the path of a file that passed the full check against the
   * manifest. A downloaded file that was never checked (or changed since) is checked now — a
   * SHA-256 pass over the file — and deleted if it fails; the error says so.
   */
  async ensureReady(entry: ModelEntry, options: { onHashed?: (hashed: number, total: number) => void } = {}): Promise<string> {
    if (entry.sha256 === null) throw unavailableError(entry);
    const status = await this.inspect(entry);
    const paths = this.pathsOf(entry);
    switch (status.state) {
      case "embedded":
        return status.path;
      case "missing":
        throw new AgentError(`${entry.title} should come with TinyAgent but is missing (${status.problem}). Reinstall TinyAgent.`, "model_missing");
      case "partial":
      case "not-downloaded":
        throw new AgentError(
          `${entry.title} is ${status.state === "partial" ? "only partly downloaded" : "not downloaded yet"}: download it (${formatBytes(entry.bytes)}) before using it.`,
          "model_not_downloaded",
        );
      case "corrupt":
        if (isEmbedded(entry)) {
          throw new AgentError(`${entry.title} is damaged (${status.problem}). Reinstall TinyAgent.`, "model_corrupt");
        }
        await this.discard(entry);
        throw corruptError(entry, status.problem ?? "it failed the check");
      case "downloaded": {
        if (status.verified) return status.path;
        const check = await checkModelFile(entry, paths.file, { onHashed: options.onHashed });
        if (!check.ok) {
          await this.discard(entry);
          throw corruptError(entry, check.problem);
        }
        await this.writeRecord(entry, paths.file, check.sha256);
        return paths.file;
      }
    }
  }

  /** Records a passed check for `file`, then moves it to `entry`'s model path. */
  async accept(entry: ModelEntry, file: string, sha256: string): Promise<string> {
    const paths = this.pathsOf(entry);
    await this.writeRecord(entry, file, sha256);
    if (file !== paths.file) await rename(file, paths.file);
    return paths.file;
  }

  /** Deletes a downloaded model and any partial download of it (never an embedded file), once no download of it runs. */
  async remove(entry: ModelEntry): Promise<void> {
    await this.exclusively(entry, () => this.discard(entry));
  }

  /** Deletes the files at once: for a download that holds the model's lock, or a file found damaged. */
  async discard(entry: ModelEntry): Promise<void> {
    const paths = this.pathsOf(entry);
    const targets = [paths.download, paths.downloadInProgress, paths.record];
    if (!isEmbedded(entry)) targets.push(paths.file);
    await Promise.all(targets.map((p) => rm(p, { force: true })));
  }

  /** Runs `work` while no other download or delete of this model runs (in any process or thread). */
  exclusively<T>(entry: ModelEntry, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withFolderLock(this.dir, work, { file: `.${entry.id}.lock`, ...(signal ? { signal } : {}) });
  }

  private async writeRecord(entry: ModelEntry, file: string, sha256: string): Promise<void> {
    const { size, mtimeMs } = await stat(file);
    const record: VerificationRecord = { id: entry.id, uri: entry.uri, bytes: size, mtimeMs, sha256 };
    await writeFile(this.pathsOf(entry).record, JSON.stringify(record, null, 2) + "\n");
  }

  /**
   * A record counts only for the same URI and the same hash. A record that is missing or
   * unreadable just means the file gets checked again.
   */
  private async readRecord(entry: ModelEntry, path: string): Promise<VerificationRecord | undefined> {
    try {
      const record = VerificationRecordSchema.parse(JSON.parse(await readFile(path, "utf8")));
      const matches = record.id === entry.id && record.uri === entry.uri && entry.sha256 === record.sha256;
      return matches ? record : undefined;
    } catch {
      return undefined;
    }
  }
}

export function corruptError(entry: ModelEntry, problem: string): AgentError {
  return new AgentError(
    `The file of ${entry.title} is damaged (${problem}), so it was deleted. Download it again; if that fails the same way, the file on the server has changed.`,
    "model_corrupt",
  );
}

/** A model the manifest lists without a pinned SHA-256: never downloaded or used, and this says why. */
export function unavailableError(entry: ModelEntry): AgentError {
  return new AgentError(
    `${entry.title} cannot be downloaded or used yet: ${entry.unavailable ?? "the manifest pins no SHA-256 for it"}. TinyAgent only uses model files it can check byte for byte. Use another model meanwhile.`,
    "model_unavailable",
  );
}

export function isEmbedded(entry: ModelEntry): boolean {
  const source = parseModelUri(entry.uri);
  return source.ok && source.source.kind === "embedded";
}

/** One file per model id, so two repositories' same-named files never collide. */
function fileNameOf(entry: ModelEntry): string {
  return `${entry.id}.${entry.format}`;
}

async function statOrUndefined(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Disk blocks in use: the downloader writes into a sparse file, so this is what has arrived. */
export async function allocatedBytes(path: string): Promise<number> {
  const s = await statOrUndefined(path);
  return s ? Math.min(s.size, s.blocks * 512) : 0;
}
