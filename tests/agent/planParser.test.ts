import fc from "fast-check";
import { parsePlanText, PlanStreamParser, type PlanParseEvent } from "../../src/agent/plan/planParser";

const PLAN = `Thought: First look up both addresses.
1. get_email_address("Sid")
2. get_email_address('Lutfi')
Thought: Now the event.
3. create_calendar_event("Project sync", "2026-11-23 14:00:00", "2026-11-23 15:00:00", "", ["$1", "$2"], "", "")
4. join()<END_OF_PLAN>
5. this is ignored`;

function feed(chunks: string[]): PlanParseEvent[] {
  const parser = new PlanStreamParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.finish()];
}

describe("streaming plan parser", () => {
  test("reads steps, thoughts and stops at <END_OF_PLAN>", () => {
    const { steps, problems } = parsePlanText(PLAN);
    expect(problems).toEqual([]);
    expect(steps.map((s) => [s.id, s.tool])).toEqual([
      [1, "get_email_address"],
      [2, "get_email_address"],
      [3, "create_calendar_event"],
      [4, "join"],
    ]);
    expect(steps[0]!.thought).toBe("First look up both addresses.");
    expect(steps[1]!.thought).toBeUndefined();
    expect(steps[2]!.thought).toBe("Now the event.");
    expect(steps[2]!.args[4]).toEqual(["$1", "$2"]);
    expect(steps[2]!.line).toBe(5);
  });

  test("emits each task as soon as its line is complete", () => {
    const parser = new PlanStreamParser();
    expect(parser.push('1. get_phone_number("Si')).toEqual([]);
    expect(parser.push('d")')).toEqual([]);
    const events = parser.push("\n2. send_");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "step", step: { id: 1, tool: "get_phone_number", args: ["Sid"] } });
    expect(parser.push('sms(["$1"], "hi")\n3. join()<END_OF')).toHaveLength(1);
    expect(parser.ended).toBe(false);
    expect(parser.push("_PLAN>")).toMatchObject([{ type: "step", step: { id: 3, tool: "join" } }]);
    expect(parser.ended).toBe(true);
    expect(parser.push("4. more()\n")).toEqual([]);
  });

  test("any split into chunks gives the same events (property)", () => {
    const whole = feed([PLAN]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: PLAN.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i) => PLAN.slice(p, points[i] ?? PLAN.length));
        expect(feed(chunks)).toEqual(whole);
      }),
    );
  });

  test("a bad line is reported with line, column and reason; good lines still parse", () => {
    const { steps, problems } = parsePlanText('1. get_phone_number("Sid")\n2. send_sms(["$1"] "hi")\nlet me think\n3. join()');
    expect(steps.map((s) => s.id)).toEqual([1, 3]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ line: 2, column: 20, message: expect.stringMatching(/expected ',' or '\)'/) });
    expect(problems[1]).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/numbered action/) });
  });

  test("a line nested 4,000 lists deep is one syntax problem; the lines after it still parse", () => {
    const deep = `1. send_sms(${"[".repeat(4000)}"+1555"${"]".repeat(4000)}, "hi")`;
    const { steps, problems } = parsePlanText(`${deep}\n2. join()`);
    expect(steps.map((s) => s.tool)).toEqual(["join"]);
    expect(problems).toEqual([{ line: 1, column: 45, message: expect.stringMatching(/nested more than 32 deep/), text: deep }]);
  });

  test("named arguments and comments are refused with a reason", () => {
    const { problems } = parsePlanText('1. create_note(name="x", content="", folder="")\n2. join() # done');
    expect(problems[0]!.message).toMatch(/named argument 'name='/);
    expect(problems[1]!.message).toMatch(/comments are not allowed/);
  });

  test("handles CRLF, blank lines and a missing final newline", () => {
    const { steps, problems } = parsePlanText('\r\n1. maps_open_location("Apple Park")\r\n\r\n2. join()');
    expect(problems).toEqual([]);
    expect(steps.map((s) => s.tool)).toEqual(["maps_open_location", "join"]);
  });
});
