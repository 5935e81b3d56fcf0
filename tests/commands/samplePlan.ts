import { parsePlanText } from "../../src/agent/plan/planParser";
import { validatePlan } from "../../src/agent/plan/validatePlan";
import type { PipelineResult } from "../../src/agent/pipeline";
import { TOOL_NAMES } from "../../src/core/tools/names";

/** A plan with two lookups, an event and a text that use them. */
export const SAMPLE_PLAN = [
  '1. get_email_address("Sid")',
  '2. get_phone_number("Lutfi")',
  '3. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "", "", ["$1"], "", "")',
  '4. send_sms(["$2"], "running late")',
  "5. join()",
].join("\n");

export const sampleSteps = () => parsePlanText(SAMPLE_PLAN).steps;

/** What runPipeline gives for SAMPLE_PLAN (for driving the reducer directly). */
export function sampleResult(text = SAMPLE_PLAN): PipelineResult {
  const { steps } = parsePlanText(text);
  return {
    query: "q",
    normalized: { text: "q", changes: [] },
    selection: { selected: TOOL_NAMES.map((tool) => ({ tool, probability: 1 })) },
    planText: text,
    validation: validatePlan(steps),
    timingsMs: {},
  };
}
