import type { Stats } from "node:fs";
import { x as extractTar, type ReadEntry } from "tar";
import { AgentError } from "../core/errors";
import { isExtracted } from "./engineLock";

/**
 * Unpacks an npm package tarball whose integrity was already checked. node-tar (npm's own unpacker)
 * does the reading and writing: it handles gzip, pax and long-name headers and refuses to write
 * outside `dest`. On top of that this only lets through regular files with plain relative paths —
 * npm tarballs hold nothing else — so a link or a path with ".." is an error, never written.
 */

/** A file written, relative to the package folder. */
export interface ExtractedFile {
  path: string;
  size: number;
}

export async function extractPackage(
  tarball: string,
  dest: string,
  options: { label: string; skip?: readonly string[] },
): Promise<ExtractedFile[]> {
  const files = new Map<string, number>();
  const refused: string[] = [];

  // Extraction hands ReadEntry objects (Stats only come when creating archives).
  const filter = (entryPath: string, entry: ReadEntry | Stats): boolean => {
    const type = "type" in entry ? entry.type : undefined;
    if (!isSafeRelative(entryPath.replace(/\/$/, ""))) {
      refused.push(entryPath);
      return false;
    }
    // Folders are made as files are written into them.
    if (type === "Directory") return false;
    if (type !== "File" && type !== "OldFile" && type !== "ContiguousFile") {
      refused.push(`${entryPath} (${type ?? "unknown type"})`);
      return false;
    }
    // npm packs everything under one top folder ("package/"); what follows it is the path in the package.
    const slash = entryPath.indexOf("/");
    if (slash < 0) {
      refused.push(entryPath);
      return false;
    }
    const inPackage = entryPath.slice(slash + 1);
    if (!isExtracted(inPackage, options.skip)) return false;
    files.set(inPackage, (entry as ReadEntry).size ?? 0);
    return true;
  };

  try {
    await extractTar({ file: tarball, cwd: dest, strip: 1, filter, strict: true, preserveOwner: false });
  } catch (cause) {
    throw new AgentError(
      `The engine package ${options.label} could not be unpacked. Try again; if it keeps failing, reinstall TinyAgent.`,
      "engine_unpack",
      {
        cause,
      },
    );
  }
  if (refused.length > 0) {
    throw new AgentError(
      `The engine package ${options.label} holds entries TinyAgent does not unpack: ${refused.slice(0, 3).join(", ")}.`,
      "engine_unsafe_archive",
    );
  }
  if (!files.has("package.json")) {
    throw new AgentError(`The engine package ${options.label} has no package.json.`, "engine_unpack");
  }
  for (const rule of options.skip ?? []) {
    if (!rule.startsWith("!")) continue;
    const wanted = rule.slice(1);
    if (![...files.keys()].some((f) => f.startsWith(wanted))) {
      throw new AgentError(`The engine package ${options.label} has no ${wanted} for this platform.`, "engine_unpack");
    }
  }
  return [...files].map(([path, size]) => ({ path, size })).sort((a, b) => a.path.localeCompare(b.path));
}

/** Relative, forward slashes, no empty, "." or ".." segment, no drive letter or NUL. */
export function isSafeRelative(path: string): boolean {
  if (path === "" || path.startsWith("/") || path.includes("\\") || path.includes("\0") || /^[a-zA-Z]:/.test(path)) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}
