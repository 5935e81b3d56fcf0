import { z } from "zod";
import type { BuiltPrompt } from "./promptFormat";

const SYSTEM = "{system}";
const USER = "{user}";
const countOf = (text: string, part: string) => text.split(part).length - 1;

/**
 * How a model expects the system text and user turn wrapped — a per-model manifest setting.
 * `text`: a template with one `{system}` then one `{user}`; the published TinyAgent models answer
 * well only under the Alpaca-style one (tinyagent-format.md §2). `gguf`: the template the model
 * file declares (tokenizer.chat_template), applied by the engine. `none`: system then user, as is
 * (the project's own models).
 */
export const ChatTemplateSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("gguf") }),
  z.strictObject({
    kind: z.literal("text"),
    text: z.string().refine((t) => countOf(t, SYSTEM) === 1 && countOf(t, USER) === 1 && t.indexOf(SYSTEM) < t.indexOf(USER), {
      message: `must contain "${SYSTEM}" once, then "${USER}" once`,
    }),
  }),
]);
export type ChatTemplate = z.infer<typeof ChatTemplateSchema>;
export type TextChatTemplate = Extract<ChatTemplate, { kind: "text" }>;

export const ALPACA_TEMPLATE: TextChatTemplate = {
  kind: "text",
  text: "### Instruction:\n{system}\n\n### Input:\n{user}\n\n### Response:\n",
};

/** Fills a text template by splitting, so a "{user}" inside the system text is left as it is. */
export function renderChatTemplate(template: TextChatTemplate, prompt: BuiltPrompt): string {
  const [before = "", rest = ""] = template.text.split(SYSTEM);
  const [middle = "", after = ""] = rest.split(USER);
  return before + prompt.system + middle + prompt.user + after;
}
