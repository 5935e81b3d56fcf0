import { z } from "zod";
import type { BuiltPrompt } from "./promptFormat";

/**
 * How a model expects the system and user text wrapped. A per-model setting: the TinyAgent models
 * answer well only under the Alpaca-style template (tinyagent-format.md §2); the project's own
 * models see the prompt as is; any other model can use the chat template stored in its GGUF.
 */
export const ChatTemplateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("text"), template: z.string().includes("{system}").includes("{user}") }),
  z.object({ kind: z.literal("gguf") }),
]);
export type ChatTemplate = z.infer<typeof ChatTemplateSchema>;

export const ALPACA_TEMPLATE = "### Instruction:\n{system}\n\n### Input:\n{user}\n\n### Response:\n";

/** Fills a text template; the prompt's own braces are left alone. */
export function applyTextTemplate(template: string, prompt: BuiltPrompt): string {
  const [beforeSystem, afterSystem] = splitOnce(template, "{system}");
  const [between, afterUser] = splitOnce(afterSystem, "{user}");
  return beforeSystem + prompt.system + between + prompt.user + afterUser;
}

function splitOnce(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`chat template has no ${marker}`);
  return [text.slice(0, at), text.slice(at + marker.length)];
}
