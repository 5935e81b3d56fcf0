/** Bad usage or bad input: exit code 2, one clear line on stderr. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * 1: our fault (a crash, or the model wrote a plan that does not validate); 2: something the person
 * can fix (usage, input, a model or engine to install); 3: the plan ran but a task did not finish, so
 * scripts can tell "done" from "partly done".
 */
export const EXIT = { ok: 0, internal: 1, usage: 2, tasksFailed: 3 } as const;
