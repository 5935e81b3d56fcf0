import { parseArgs } from "node:util";
import { normalizeRequest } from "../agent/normalize";
import { PromptFormatIdSchema } from "../agent/prompt/promptFormat";
import { promptFormats } from "../agent/prompt/promptFormats";
import { loadDefaultExampleBank } from "../agent/prompt/defaultExampleBank";
import { isToolName } from "../tools/catalog";
import { TOOL_NAMES, type ToolName } from "../core/tools/names";
import { UsageError } from "./cliErrors";
import type { CliIO } from "./io";
import { parseNowOption } from "./now";

export const PROMPT_USAGE = `Usage: npm start -- prompt --format <tinyagent|compact> --tools <t1,t2,...> --now <ISO> [--no-examples] [--json] "<request>"

Prints the exact system text and user turn a planner model is given for the request (dates
resolved as by the normalizer; the model's chat template not applied).`;

export async function promptCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "tinyagent" },
      tools: { type: "string" },
      now: { type: "string" },
      "no-examples": { type: "boolean", default: false },
      instructions: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(PROMPT_USAGE);
    return 0;
  }
  const format = PromptFormatIdSchema.safeParse(values.format);
  if (!format.success) throw new UsageError(`--format must be tinyagent or compact (got "${values.format}")`);
  const tools = parseTools(values.tools);
  const request = positionals.join(" ").trim();
  if (request === "") throw new UsageError(`no request given. ${PROMPT_USAGE.split("\n")[0]}`);
  const now = parseNowOption(values.now);
  // As the planner sees it: dates resolved by the normalizer.
  const query = normalizeRequest(request, now).text;
  const examples =
    format.data === "tinyagent" && !values["no-examples"] ? (await loadDefaultExampleBank())?.select(query, tools) : undefined;
  const prompt = promptFormats[format.data].build({ tools, now, query, examples, customInstructions: values.instructions });
  io.stdout(values.json ? JSON.stringify(prompt, null, 2) : `${prompt.system}${prompt.user}`);
  return 0;
}

function parseTools(value: string | undefined): ToolName[] {
  if (value === undefined || value.trim() === "") return [...TOOL_NAMES];
  const names = value.split(",").map((t) => t.trim());
  const unknown = names.filter((t) => !isToolName(t));
  if (unknown.length > 0)
    throw new UsageError(`unknown tool${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")} (tools: ${TOOL_NAMES.join(", ")})`);
  return names as ToolName[];
}
