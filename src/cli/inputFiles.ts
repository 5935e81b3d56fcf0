import { open, type FileHandle } from "node:fs/promises";
import type { Stats } from "node:fs";
import { formatBytes } from "../core/util/formatBytes";
import { UsageError } from "./cliErrors";

/** A plan file is a few lines of text; a megabyte is thousands of tasks. */
export const MAX_PLAN_FILE_BYTES = 1_000_000;
/** Data and prediction files for npm run eval: thousands of examples. */
export const MAX_DATA_FILE_BYTES = 256_000_000;

/**
 * Reads a file the person named on the command line: a regular file, or a pipe (`--plan-file
 * <(…)`, /dev/stdin), never a device (/dev/urandom never ends) or a folder, and at most `maxBytes`
 * of it. A UTF-8 byte order mark is dropped. Every refusal is a UsageError that names the file.
 * `what` is how messages name it: "plan file", "data file".
 */
export async function readInputFile(path: string, what: string, maxBytes: number, tooLarge?: () => Error): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (cause) {
    throw new UsageError(`cannot read the ${what} ${path}: ${errorCode(cause)}`, { cause });
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new UsageError(`the ${what} ${path} is a folder: give the path of a text file`);
    if (!stats.isFile() && !stats.isFIFO()) {
      throw new UsageError(`the ${what} ${path} is not a file but ${kindOf(stats)}: give the path of a text file`);
    }
    const refuse = () =>
      tooLarge?.() ?? new UsageError(`the ${what} ${path} is larger than ${formatBytes(maxBytes)}, more than TinyAgent reads as a ${what}`);
    if (stats.isFile() && stats.size > maxBytes) throw refuse();
    const bytes = await readAtMost((buffer) => handle.read(buffer, 0, buffer.length, null).then((r) => r.bytesRead), maxBytes);
    if (bytes === undefined) throw refuse();
    return withoutByteOrderMark(bytes.toString("utf8"));
  } catch (error) {
    // A failed read (EIO, EISDIR) is said like a failed open; the refusals above go out as they are.
    if (error instanceof Error && "syscall" in error) {
      throw new UsageError(`cannot read the ${what} ${path}: ${errorCode(error)}`, { cause: error });
    }
    throw error;
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Reads a stream to its end, or gives up once it passed `maxBytes` (undefined). */
export async function readStreamAtMost(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) return undefined;
    chunks.push(bytes);
  }
  return withoutByteOrderMark(Buffer.concat(chunks, total).toString("utf8"));
}

/** Editors on Windows start UTF-8 files with U+FEFF; it is not part of the text. */
export const withoutByteOrderMark = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

async function readAtMost(read: (buffer: Buffer) => Promise<number>, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    const n = await read(buffer);
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > maxBytes) return undefined;
    chunks.push(buffer.subarray(0, n));
  }
}

function kindOf(stats: Stats): string {
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "a special file";
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;
