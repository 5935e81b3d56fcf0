import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { ModelEntry } from "./manifest";

const GGUF_MAGIC = "GGUF";
const GGUF_VERSION = 3;

export type FileCheck = { ok: true; bytes: number; sha256: string } | { ok: false; problem: string };

/** Whether a file has the manifest's size, exactly: every file the project uses has a pinned hash and size. */
export function sizeProblem(entry: ModelEntry, bytes: number): string | undefined {
  return bytes === entry.bytes ? undefined : `it is ${bytes} bytes, expected exactly ${entry.bytes}`;
}

/** Reads the first 8 bytes: the GGUF magic and version (uint32, little-endian). */
export async function ggufHeaderProblem(path: string): Promise<string | undefined> {
  const file = await open(path, "r");
  try {
    const header = Buffer.alloc(8);
    const { bytesRead } = await file.read(header, 0, 8, 0);
    if (bytesRead < 8 || header.toString("latin1", 0, 4) !== GGUF_MAGIC) return "it is not a GGUF file (wrong magic bytes)";
    const version = header.readUInt32LE(4);
    return version === GGUF_VERSION ? undefined : `it is GGUF version ${version}, expected version ${GGUF_VERSION}`;
  } finally {
    await file.close();
  }
}

export async function sha256OfFile(path: string, onBytes?: (hashed: number) => void, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  let hashed = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) {
    hash.update(chunk as Buffer);
    hashed += (chunk as Buffer).length;
    onBytes?.(hashed);
  }
  return hash.digest("hex");
}

/**
 * The check a model file passes before it is used: its size (against `expectedBytes` — what the
 * server said it sent — when known, and the manifest's), for GGUF its header (a quick look that
 * spares hashing a file that is plainly wrong), then its SHA-256 against the manifest. A model
 * without a pinned SHA-256 fails: nothing could tell a wrong file from the right one. The hash is
 * returned, so a file that passed can be recognized later without reading it again.
 */
export async function checkModelFile(
  entry: ModelEntry,
  path: string,
  options: { expectedBytes?: number; onHashed?: (hashed: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<FileCheck> {
  if (entry.sha256 === null) return { ok: false, problem: "the manifest pins no SHA-256 for it, so it cannot be checked" };
  const { size } = await stat(path);
  if (options.expectedBytes !== undefined && options.expectedBytes > 0 && size !== options.expectedBytes) {
    return { ok: false, problem: `it is ${size} bytes, but the server sent ${options.expectedBytes}` };
  }
  const problem = sizeProblem(entry, size) ?? (entry.format === "gguf" ? await ggufHeaderProblem(path) : undefined);
  if (problem) return { ok: false, problem };
  const sha256 = await sha256OfFile(path, (hashed) => options.onHashed?.(hashed, size), options.signal);
  if (sha256 !== entry.sha256) {
    return { ok: false, problem: `its SHA-256 is ${sha256}, expected ${entry.sha256}` };
  }
  return { ok: true, bytes: size, sha256 };
}
