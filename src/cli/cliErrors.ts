/** Bad usage or bad input: exit code 2, one clear line on stderr. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { ok: 0, internal: 1, usage: 2 } as const;
