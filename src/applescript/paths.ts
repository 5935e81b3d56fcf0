import { stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { AgentError } from "../core/errors";

/** "~/x" → home/x; other paths unchanged (results of open_and_get_file_path are absolute already). */
export function expandHome(path: string, home: string): string {
  const trimmed = path.trim();
  if (trimmed === "~") return home;
  return trimmed.startsWith("~/") ? join(home, trimmed.slice(2)) : trimmed;
}

/** The absolute path of an existing file, or an error that names the path. */
export async function existingFile(path: string, home: string, role: string): Promise<string> {
  const full = expandHome(path, home);
  if (!isAbsolute(full)) {
    throw new AgentError(`${role} “${path}” is not a full path. Find the file with open_and_get_file_path first.`, "invalid_arguments");
  }
  const info = await stat(full).catch(() => undefined);
  if (!info) throw new AgentError(`${role} “${full}” does not exist.`, "not_found");
  if (!info.isFile()) throw new AgentError(`${role} “${full}” is not a file.`, "invalid_arguments");
  return full;
}
