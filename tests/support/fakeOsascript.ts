import type { RunAppleScript, RunCommand } from "../../src/applescript/runner";

/**
 * Test doubles for osascript and for programs only macOS has (mdfind, open): they record what they
 * were asked to run and answer from `respond`. They plug in under the real runner, so its timeout,
 * abort and error mapping are what the tests exercise. A thrown OsascriptFailure looks like the
 * error execFile gives for a failed osascript (exit code 1, the message on stderr).
 */
export class OsascriptFailure extends Error {
  readonly code = 1;
  constructor(readonly stderr: string) {
    super(`Command failed: osascript\n${stderr}`);
  }
}

export const executionError = (message: string, number: number) => new OsascriptFailure(`0:42: execution error: ${message} (${number})\n`);

export interface Recorded {
  scripts: string[];
  commands: { file: string; args: readonly string[] }[];
}

export function fakeMac(options: {
  appleScript?: (script: string, index: number) => string | Promise<string>;
  command?: (file: string, args: readonly string[]) => string | Promise<string>;
}): { runAppleScript: RunAppleScript; runCommand: RunCommand; recorded: Recorded } {
  const recorded: Recorded = { scripts: [], commands: [] };
  const untilAborted = <T>(work: () => T | Promise<T>, signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(Object.assign(new Error("The operation was aborted"), { name: "AbortError" })), {
        once: true,
      });
      Promise.resolve().then(work).then(resolve, reject);
    });
  return {
    recorded,
    runAppleScript: (script, { signal }) => {
      recorded.scripts.push(script);
      const index = recorded.scripts.length - 1;
      return untilAborted(() => (options.appleScript ? options.appleScript(script, index) : ""), signal);
    },
    runCommand: (file, args, { signal }) => {
      recorded.commands.push({ file, args });
      return untilAborted(() => (options.command ? options.command(file, args) : ""), signal);
    },
  };
}
