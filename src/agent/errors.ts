/**
 * An error as a value: `message` is for the person using TinyAgent (what happened and what to do),
 * `cause` is for developers (the underlying error, exit code, stderr...).
 */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly code: string,
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
