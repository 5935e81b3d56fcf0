import { z } from "zod";
import type { LocalDateTime } from "../../core/time/localDateTime";
import type { ToolName } from "../../core/tools/names";

export const PromptFormatIdSchema = z.enum(["tinyagent", "compact"]);
export type PromptFormatId = z.infer<typeof PromptFormatIdSchema>;

/** An in-context example: a request and its plan text. */
export interface PromptExample {
  query: string;
  plan: string;
}

export interface PromptInput {
  tools: readonly ToolName[];
  now: LocalDateTime;
  /** The normalized request. */
  query: string;
  examples?: readonly PromptExample[];
  /** The user's own instructions (a preference), appended as one more rule. */
  customInstructions?: string;
}

/**
 * The text a planner model sees, before any chat template: `system` holds the fixed part first
 * (for the TinyAgent format the tool descriptions and guidelines, the same for the same tools, so
 * their KV cache is reused across requests), then the time and any examples; `user` holds the request.
 */
export interface BuiltPrompt {
  system: string;
  user: string;
}

export interface PromptFormat {
  id: PromptFormatId;
  build(input: PromptInput): BuiltPrompt;
}
