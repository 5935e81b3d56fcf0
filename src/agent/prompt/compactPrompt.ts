import { formatLocalDateTime, weekdayName } from "../time/localDateTime";
import type { BuiltPrompt, PromptFormat, PromptInput } from "./promptFormat";
import { orderedTools } from "./tinyagentPrompt";

/**
 * The project's own format for the small planners it trains: no descriptions (the model learned
 * the tools), each tool name once (its vocabulary has one token per tool name, as in Octopus v2),
 * the time, then the request. About 40 tokens of fixed text instead of TinyAgent's 2,700.
 *
 *   tools: get_phone_number send_sms
 *   now: Sunday 2026-11-22 10:00
 *   request: Text Sid that I'm running late
 *   plan:
 */
export const compactPrompt: PromptFormat = {
  id: "compact",
  build(input: PromptInput): BuiltPrompt {
    const system = `tools: ${orderedTools(input.tools).join(" ")}\nnow: ${weekdayName(input.now)} ${formatLocalDateTime(input.now).slice(0, 16)}\n`;
    return { system, user: `request: ${input.query}\nplan:\n` };
  },
};
