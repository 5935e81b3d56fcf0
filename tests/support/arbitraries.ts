import fc from "fast-check";
import type { PyValue } from "../../src/agent/plan/pythonLiteral";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";
import type { ParamDefinition } from "../../src/core/tools/params";

/** Any Python literal value the plan language can carry (finite numbers, nested lists). */
export const pyValue: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
  ),
})).value;

const pad = (n: number) => String(n).padStart(2, "0");
export const dateTimeText = fc
  .record({
    y: fc.integer({ min: 2000, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    min: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ y, m, d, h, min }) => `${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(min)}:00`);

const text = fc.string({ unit: "grapheme", maxLength: 20 });

function argFor(param: ParamDefinition, earlier: number[]): fc.Arbitrary<PyValue> {
  const ref = earlier.length > 0 ? [fc.constantFrom(...earlier).map((id) => `$${id}`)] : [];
  switch (param.role) {
    case "datetime":
      return dateTimeText;
    case "addresses":
    case "paths":
      return fc.array(fc.oneof(text, ...ref), { maxLength: 3 });
    case "transport":
      return fc.constantFrom("d", "w", "r");
    case "priority":
      return fc.constantFrom(0, 1, 5, 9);
    case "flag":
      return fc.boolean();
    case "minutes":
      return fc.integer({ min: 1, max: 240 });
    default:
      return fc.oneof(text, ...ref);
  }
}

export interface GeneratedStep {
  id: number;
  tool: ToolName | "join";
  args: PyValue[];
  thought?: string;
}

/** A valid plan: 0–6 tool calls with type-correct arguments and references to earlier tasks, then join(). */
export const validPlanSteps: fc.Arbitrary<GeneratedStep[]> = fc
  .array(
    fc.record({
      tool: fc.constantFrom(...TOOL_NAMES),
      seed: fc.integer(),
      thought: fc.option(fc.constantFrom("Look up Sid first.", "Then send it."), { nil: undefined }),
    }),
    {
      maxLength: 6,
    },
  )
  .chain((picks) => {
    const steps = picks.map((pick, i) => {
      const earlier = Array.from({ length: i }, (_, k) => k + 1);
      const params: readonly ParamDefinition[] = TOOLS[pick.tool].params;
      return fc.tuple(...params.map((p) => argFor(p, earlier))).map((args) => ({
        id: i + 1,
        tool: pick.tool as ToolName | "join",
        args: args as PyValue[],
        ...(pick.thought ? { thought: pick.thought } : {}),
      }));
    });
    return (steps.length > 0 ? fc.tuple(...steps) : fc.constant([] as GeneratedStep[])).map((s) => [
      ...s,
      { id: s.length + 1, tool: "join" as const, args: [] },
    ]);
  });
