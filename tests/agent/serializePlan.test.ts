import fc from "fast-check";
import { parsePlanText } from "../../src/agent/plan/planParser";
import { serializePlan } from "../../src/agent/plan/serializePlan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { validPlanSteps } from "../support/arbitraries";

describe("plan serializer", () => {
  test("parse ∘ serialize is the identity on valid plans (property)", () => {
    fc.assert(
      fc.property(validPlanSteps, fc.boolean(), (steps, endOfPlan) => {
        const text = serializePlan(steps, { endOfPlan });
        const parsed = parsePlanText(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.steps.map(({ line: _line, ...rest }) => rest)).toEqual(steps);
        expect(parseAndValidatePlan(text, { checkValues: false }).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("serialize ∘ parse is the identity on canonical text", () => {
    const text = 'Thought: find them\n1. get_email_address("Sid")\n2. create_note("A \\"quoted\\" title", "line\\nbreak", "")\n3. join()';
    expect(serializePlan(parsePlanText(text).steps)).toBe(text);
  });
});
