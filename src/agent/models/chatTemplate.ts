import { z } from "zod";

const SYSTEM = "{system}";
const USER = "{user}";

const countOf = (text: string, part: string) => text.split(part).length - 1;

/**
 * How a planner's system text and user turn become one prompt string. `gguf`: the chat template
 * the model file declares (tokenizer.chat_template), applied by the engine. `text`: a template
 * with one `{system}` and one `{user}` placeholder — the published TinyAgent models need the
 * Alpaca-style one (tinyagent-format.md §2) and answer with nothing under others.
 */
export const ChatTemplateSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("gguf") }),
  z.strictObject({
    kind: z.literal("text"),
    text: z
      .string()
      .refine((t) => countOf(t, SYSTEM) === 1 && countOf(t, USER) === 1 && t.indexOf(SYSTEM) < t.indexOf(USER), {
        message: `must contain "${SYSTEM}" once, then "${USER}" once`,
      }),
  }),
]);
export type ChatTemplate = z.infer<typeof ChatTemplateSchema>;
export type TextChatTemplate = Extract<ChatTemplate, { kind: "text" }>;

/**
 * Fills a text template. Done by splitting rather than replacing in turn, so a "{user}" that
 * happens to be inside the system text is left as it is.
 */
export function renderChatTemplate(template: TextChatTemplate, parts: { system: string; user: string }): string {
  const [before = "", rest = ""] = template.text.split(SYSTEM);
  const [middle = "", after = ""] = rest.split(USER);
  return before + parts.system + middle + parts.user + after;
}
