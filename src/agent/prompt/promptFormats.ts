import { compactPrompt } from "./compactPrompt";
import type { PromptFormat, PromptFormatId } from "./promptFormat";
import { tinyagentPrompt } from "./tinyagentPrompt";

export const promptFormats: Record<PromptFormatId, PromptFormat> = {
  tinyagent: tinyagentPrompt,
  compact: compactPrompt,
};
