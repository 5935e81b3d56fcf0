// The LLMCompiler planner prompt exactly as the published TinyAgent models were fine-tuned on it
// (tinyagent-format.md §2). Text from SqueezeAILab/TinyAgent, MIT License, Copyright (c) 2024
// SqueezeAILab (see NOTICE). Byte-exact on purpose.
import { JOIN_DESCRIPTION } from "./joinDescription";
import { TOOL_NAMES, type ToolName } from "../../core/tools/names";
import { TOOLS } from "../../tools/catalog";
import { formatLocalDateTime, weekdayName } from "../../core/time/localDateTime";
import type { BuiltPrompt, PromptFormat, PromptInput } from "./promptFormat";

const GUIDELINES = `Guidelines:
 - Each action described above contains input/output types and description.
    - You must strictly adhere to the input and output types for each action.
    - The action descriptions contain the guidelines. You MUST strictly follow those guidelines when you use the actions.
 - Each action in the plan should strictly be one of the above types. Follow the Python conventions for each action.
 - Each action MUST have a unique ID, which is strictly increasing.
 - Inputs for actions can either be constants or outputs from preceding actions. In the latter case, use the format $id to denote the ID of the previous action whose output will be the input.
 - Always call join as the last action in the plan. Say '<END_OF_PLAN>' after you call join
 - Ensure the plan maximizes parallelizability.
 - Only use the provided action types. If a query cannot be addressed using these, invoke the join action for the next steps.
 - Never explain the plan with comments (e.g. #).
 - Never introduce new actions other than the ones provided.

`;

const EMAIL_TOOLS: readonly ToolName[] = ["get_email_address", "compose_new_email", "reply_to_email", "forward_email"];
const SMS_TOOLS: readonly ToolName[] = ["get_phone_number", "send_sms"];

/** Rules appended when any offered tool is in the group, in this order. */
const GROUP_RULES: readonly { tools: readonly ToolName[]; text: string }[] = [
  {
    tools: EMAIL_TOOLS,
    text: " - Before sending an email, you MUST use the get_email_address tool to get the email addresses of the recipients and cc, unless you are explicitly given their email addresses.\n",
  },
  {
    tools: SMS_TOOLS,
    text: " - Before sending an SMS, you MUST use the get_phone_number tool to get the phone number of the contact, unless you are explicitly given their phone number.\n - If you need to send an SMS message to multiple contacts, send it in one message, unless specified otherwise.\n",
  },
  {
    tools: [...EMAIL_TOOLS, ...SMS_TOOLS],
    text: " - If you need to send an email or an sms using compose_new_email, reply_to_email, forward_email, or send_sms tools, you MUST send it before calling join(), or you WILL BE PENALIZED!\n",
  },
  {
    tools: ["get_zoom_meeting_link"],
    text: " - If you need to create a zoom meeting, you MUST use get_zoom_meeting_link to get the newly created zoom meeting link.\n",
  },
  {
    tools: ["open_note", "append_note_content"],
    text: " - If you need to append some content to a note, you DON'T HAVE TO call open_note before calling append_note_content. You can directly use append_note_content to append some content to the specific note.\n",
  },
  {
    tools: ["maps_open_location", "maps_show_directions"],
    text: " - If you need to show directions to a place, you DON'T HAVE TO call maps_open_location before calling maps_show_directions. You can directly use maps_show_directions to show directions to the specific place.\n",
  },
];

/** The date line's format, Python's "%A %Y-%m-%d %H:%M". */
function formatToday(now: PromptInput["now"]): string {
  return `${weekdayName(now)} ${formatLocalDateTime(now).slice(0, 16)}`;
}

function customInstructions(input: PromptInput): string {
  const offered = new Set(input.tools);
  let text =
    " - You need to start your plan with the '1.' call\n" +
    ` - Today's date is ${formatToday(input.now)}\n` +
    " - Unless otherwise specified, the default meeting duration is 60 minutes.\n" +
    " - Do not use named arguments in your tool calls.\n" +
    " - You MUST end your plans with the 'join()' call and a '\\n' character.\n" +
    " - You MUST fill every argument in the tool calls, even if they are optional.\n" +
    " - The format for dates MUST be in ISO format of 'YYYY-MM-DD HH:MM:SS', unless other specified.\n" +
    " - If you want to use the result of a previous tool call, you MUST use the '$' sign followed by the index of the tool call.\n" +
    " - You MUST ONLY USE join() at the very very end of the plan, or you WILL BE PENALIZED.\n";
  for (const rule of GROUP_RULES) if (rule.tools.some((t) => offered.has(t))) text += rule.text;
  if (input.customInstructions?.trim()) text += ` - ${input.customInstructions.trim()}`;
  return text;
}

export const tinyagentPrompt: PromptFormat = {
  id: "tinyagent",
  build(input: PromptInput): BuiltPrompt {
    const tools = orderedTools(input.tools);
    let system = `Given a user query, create a plan to solve it with the utmost parallelizability. Each plan should comprise an action from the following ${tools.length + 1} types:\n`;
    tools.forEach((name, i) => (system += `${i + 1}. ${TOOLS[name].description}\n`));
    system += `${tools.length + 1}. ${JOIN_DESCRIPTION}\n\n`;
    system += GUIDELINES;
    system += customInstructions(input) + "\n\n";
    const examples = input.examples ?? [];
    if (examples.length > 0) {
      system += "Here are some examples:\n\n";
      for (const e of examples) system += `Question: ${e.query}\n${withEndOfPlan(e.plan)}\n###\n`;
    }
    return { system, user: `Question: ${input.query}` };
  },
};

/** Tools in the classifier's label order, so the same subset always gives the same prefix. */
export function orderedTools(tools: readonly ToolName[]): ToolName[] {
  const offered = new Set(tools);
  return TOOL_NAMES.filter((t) => offered.has(t));
}

function withEndOfPlan(plan: string): string {
  const trimmed = plan.trimEnd();
  return trimmed.endsWith("<END_OF_PLAN>") ? trimmed : `${trimmed}<END_OF_PLAN>`;
}
