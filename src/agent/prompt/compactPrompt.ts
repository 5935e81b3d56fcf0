import type { BuiltPrompt, PromptFormat, PromptInput } from "./promptFormat";
import { orderedTools } from "./tinyagentPrompt";

/**
 * The project's own format for the small planner it trains: no descriptions (the model learned
 * the tools), each tool name once (its vocabulary has one token per tool name, as in Octopus v2),
 * then the request with its values as placeholders. No clock: the normalizer already resolved
 * every time into a TIME placeholder, so the planner never does date arithmetic.
 *
 *   tools: get_phone_number send_sms
 *   request: Text NAME1 that TEXT1
 *   plan:
 */
export const compactPrompt: PromptFormat = {
  id: "compact",
  build(input: PromptInput): BuiltPrompt {
    return { system: `tools: ${orderedTools(input.tools).join(" ")}\n`, user: `request: ${input.query}\nplan:\n` };
  },
};
