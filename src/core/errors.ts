/**
 * Every AgentError code. A typed union, so the table of fixes (commands/errorFixes.ts) is checked
 * against it: a new code without a decision about its fix, or a misspelt one, is a type error.
 */
export const ERROR_CODES = [
  "access_denied",
  "app_missing",
  "app_state",
  "app_unavailable",
  "bad_manifest",
  "bad_preferences",
  "bad_response",
  "cancelled",
  "classifier_labels",
  "classifier_unavailable",
  "command_failed",
  "disk_full",
  "download_failed",
  "download_stalled",
  "empty_request",
  "engine_check",
  "engine_check_timeout",
  "engine_disk_full",
  "engine_download",
  "engine_download_broken",
  "engine_download_redirects",
  "engine_download_stalled",
  "engine_download_too_large",
  "engine_integrity",
  "engine_load",
  "engine_platform_unsupported",
  "engine_unavailable",
  "engine_unpack",
  "engine_unsafe_archive",
  "insufficient_memory",
  "internal",
  "invalid_arguments",
  "model_corrupt",
  "model_embedded",
  "model_missing",
  "model_not_downloaded",
  "model_unavailable",
  "model_unloadable",
  "network",
  "no_chat_template",
  "no_planner",
  "no_text",
  "no_token",
  "not_authorized",
  "not_found",
  "plan_too_long",
  "prompt_too_long",
  "rate_limited",
  "redirect_loop",
  "request_too_long",
  "script_error",
  "send_failed",
  "size_mismatch",
  "tagger_unavailable",
  "timeout",
  "too_much_output",
  "tool_unavailable",
  "value_reads_as_reference",
  "zoom_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a code that crossed a boundary (a worker's message, JSON) is one of ours. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * An error as a value: `message` is for the person using TinyAgent (what happened and what to do),
 * `cause` is for developers (the underlying error, exit code, stderr...).
 */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "AgentError";
  }
}

/** A one-line description of any thrown value, for logs and event details. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return typeof cause === "string" ? cause : (JSON.stringify(cause) ?? String(cause));
}
