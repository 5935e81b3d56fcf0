import { AgentError, type ErrorCode } from "../core/errors";

/** Scripts raise this number with a sentence meant for people, passed on as it is. */
export const MESSAGE_FOR_PEOPLE = 1000;

export interface FailureContext {
  /** The app the script talks to ("Contacts"). */
  app: string;
  /** The app macOS asks the permission for ("Raycast", "your terminal app"). */
  host: string;
}

export interface ParsedScriptError {
  kind: "execution" | "syntax" | "other";
  message: string;
  number?: number;
}

/** osascript reports "0:123: execution error: Contacts got an error: Can’t get person "x". (-1728)". */
const REPORTED = /(execution|syntax) error: ([\s\S]*?)\s*\((-?\d+)\)\s*$/;

export function parseScriptError(stderr: string): ParsedScriptError {
  const m = REPORTED.exec(stderr.trim());
  if (!m) return { kind: "other", message: stderr.trim() };
  return { kind: m[1] as "execution" | "syntax", message: m[2]!, number: Number(m[3]) };
}

/** "Contacts got an error: Can’t get person." → "Can’t get person." */
const withoutPrefix = (message: string, app: string) => message.replace(new RegExp(`^${escapeRegExp(app)} got an error: `), "");
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * An AppleScript failure as an error a person can act on. `stderr` is what osascript printed; the
 * original failure stays the cause.
 */
export function appleScriptError(stderr: string, context: FailureContext, cause: unknown): AgentError {
  const { app, host } = context;
  const parsed = parseScriptError(stderr);
  const detail = withoutPrefix(parsed.message, app);
  const make = (message: string, code: ErrorCode) => new AgentError(message, code, { cause });
  switch (parsed.number) {
    case -1743: // errAEEventNotPermitted
    case -1744: // errAEEventWouldRequireUserConsent
      return make(`Allow ${host} to control ${app}: System Settings → Privacy & Security → Automation.`, "not_authorized");
    case -600: // procNotFound: the app is not running
    case -609: // connectionInvalid: it quit while the script ran
    case -10810: // kLSUnknownErr: Launch Services could not start it
      return make(
        `${app} is not running and could not be started (error ${parsed.number}). Open ${app} once, then try again.`,
        "app_unavailable",
      );
    case -10814: // kLSApplicationNotFoundErr
      return make(`${app} is not installed on this Mac.`, "app_missing");
    case -1712: // errAETimeout
      return make(`${app} did not answer in time; it may be busy or showing a dialog. Check ${app}, then try again.`, "timeout");
    case -128: // userCanceledErr
      return make(`Cancelled in ${app}.`, "cancelled");
    case -1728: // errAENoSuchObject
    case -1719: // errAEIllegalIndex
    case -43: // fnfErr
      return make(`${app} could not find it: ${detail}`, "not_found");
    case MESSAGE_FOR_PEOPLE:
      return make(detail, "app_state");
  }
  if (parsed.kind === "syntax") {
    return make(
      `The ${app} script did not compile (${detail}). Check that ${app} is installed; if it is, this is a bug in TinyAgent.`,
      "script_error",
    );
  }
  if (parsed.number === undefined) return make(`${app} failed: ${detail || "no error message"}`, "script_error");
  return make(`${app} reported an error: ${detail} (${parsed.number})`, "script_error");
}
