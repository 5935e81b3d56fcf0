import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { AgentError } from "../core/errors";
import { appleScriptError, type FailureContext } from "./scriptErrors";

export interface StepOptions {
  /** Aborted when the task is cancelled or times out; the running osascript or command is killed. */
  signal: AbortSignal;
  /** The app the step talks to, named in error messages. */
  app: string;
}

/** Runs scripts and commands on this Mac. */
export interface ExecutingRunner {
  readonly kind: "osascript";
  /** Runs an AppleScript; resolves with its result as text. */
  appleScript(script: string, options: StepOptions): Promise<string>;
  /** Runs a program with arguments, no shell in between; resolves with its standard output. */
  command(file: string, args: readonly string[], options: StepOptions): Promise<string>;
}

/**
 * The dry-run runner: runs nothing. Tools then show the exact script, command line or URL they would
 * run (their preview) and answer with a marker standing for the result, so later tasks show where it
 * would go.
 */
export const DRY_RUN = Object.freeze({ kind: "dry-run" as const });

export type Runner = ExecutingRunner | typeof DRY_RUN;

/** What a dry run answers instead of task N's result. */
export const dryRunResult = (taskId: number) => `⟨result of #${taskId}⟩`;

/** The default limit for one script or command; below the executor's per-task limit, so this clearer message wins. */
export const DEFAULT_STEP_TIMEOUT_MS = 20_000;

export type RunAppleScript = (script: string, options: { signal: AbortSignal }) => Promise<string>;
export type RunCommand = (file: string, args: readonly string[], options: { signal: AbortSignal }) => Promise<string>;

export interface OsascriptRunnerOptions {
  /** The app macOS asks permission for: "Raycast" in the extension, "your terminal app" in the CLI. */
  host: string;
  timeoutMs?: number;
  /** How a script runs; default: the run-applescript package (osascript). Replaced only by test doubles. */
  runAppleScript?: RunAppleScript;
  /** How a command runs; default: execFile. */
  runCommand?: RunCommand;
}

/** The real runner (macOS): osascript through run-applescript, commands through execFile, each with a timeout and abort. */
export function osascriptRunner(options: OsascriptRunnerOptions): ExecutingRunner {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const runAppleScript = options.runAppleScript ?? runWithOsascript;
  const runCommand = options.runCommand ?? runWithExecFile;
  return {
    kind: "osascript",
    appleScript: (script, step) =>
      guarded(
        step,
        timeoutMs,
        (signal) => runAppleScript(script, { signal }),
        (error) => {
          const context: FailureContext = { app: step.app, host: options.host };
          return appleScriptError(stderrOf(error) ?? messageOf(error), context, error);
        },
      ),
    command: (file, args, step) =>
      guarded(
        step,
        timeoutMs,
        (signal) => runCommand(file, args, { signal }),
        (error) => commandError(file, step.app, error),
      ),
  };
}

/** run-applescript is ESM-only: loaded on first use, which only ever happens on macOS. */
const runWithOsascript: RunAppleScript = async (script, { signal }) => {
  const { runAppleScript } = await import("run-applescript");
  return runAppleScript(script, { signal });
};

const execFileAsync = promisify(execFile);

const runWithExecFile: RunCommand = async (file, args, { signal }) => {
  const { stdout } = await execFileAsync(file, [...args], { signal, encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
  return stdout;
};

async function guarded(
  step: StepOptions,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<string>,
  failure: (error: unknown) => AgentError,
): Promise<string> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([step.signal, timeout]);
  // The race makes sure a stop is a stop even if the work ignored its signal.
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  try {
    return await Promise.race([work(signal), stopped]);
  } catch (error) {
    if (step.signal.aborted) throw new AgentError("Cancelled.", "cancelled", { cause: error });
    if (timeout.aborted) {
      const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
      throw new AgentError(
        `${step.app} did not answer within ${limit}, so it was stopped. It may have done its part anyway: check ${step.app} before trying again.`,
        "timeout",
        { cause: error },
      );
    }
    throw failure(error);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function commandError(file: string, app: string, error: unknown): AgentError {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT")
    return new AgentError(`${file} is not available on this computer (${app} needs macOS).`, "app_missing", { cause: error });
  if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
    return new AgentError(`${app} gave more results than TinyAgent reads; try a more specific name.`, "too_much_output", { cause: error });
  }
  const detail = (stderrOf(error) ?? "").trim().split("\n")[0] || messageOf(error);
  return new AgentError(`${app} failed: ${detail}`, "command_failed", { cause: error });
}

function stderrOf(error: unknown): string | undefined {
  const stderr = (error as { stderr?: unknown } | null)?.stderr;
  return typeof stderr === "string" && stderr.trim() !== "" ? stderr : undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
