import { TOOL_NAMES } from "../../src/core/tools/names";
import { toolMask } from "../../training/tagger/prepareData";

describe("the tool masks the tagger's data carries (train.py --tools-weight)", () => {
  test("a bit per tool the gold plan calls, in TOOL_NAMES order; repeats count once", () => {
    const mask = toolMask(
      ['1. get_phone_number("Sid")', '2. get_phone_number("Ana")', '3. send_sms(["$1", "$2"], "late")', "4. join()"].join("\n"),
    );
    const bits = TOOL_NAMES.filter((_, i) => (mask >> i) & 1);
    expect(bits).toEqual(["get_phone_number", "send_sms"].sort((a, b) => TOOL_NAMES.indexOf(a as never) - TOOL_NAMES.indexOf(b as never)));
    expect(mask >> TOOL_NAMES.length).toBe(0);
  });

  test("a plan of join() alone is out of scope: the bit after the tools, and only it", () => {
    expect(toolMask("1. join()")).toBe(1 << TOOL_NAMES.length);
  });

  test("an invalid gold plan is an error, not an empty mask", () => {
    expect(() => toolMask("1. no_such_tool()\n2. join()")).toThrow(/invalid/);
  });
});
