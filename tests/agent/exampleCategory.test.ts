import { exampleCategory } from "../../src/agent/evaluation";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";

const categoryOf = (text: string) => {
  const plan = parseAndValidatePlan(text);
  if (!plan.ok) throw new Error(text);
  return exampleCategory(plan.plan);
};

describe("the kind of an example, read from its gold plan", () => {
  test("out of scope, single, multi", () => {
    expect(categoryOf("1. join()")).toBe("out_of_scope");
    expect(categoryOf('1. get_phone_number("Sid")\n2. send_sms(["$1"], "hi")\n3. join()')).toBe("single");
    expect(categoryOf('1. create_note("Ideas", "", "")\n2. maps_open_location("Zuni Café")\n3. join()')).toBe("multi");
  });

  test("explicit: a written address where an address goes, and only there", () => {
    expect(categoryOf('1. send_sms(["+1 415 555 0199"], "hi")\n2. join()')).toBe("explicit");
    expect(categoryOf('1. compose_new_email(["ana@example.com"], [], "", "hi", [])\n2. join()')).toBe("explicit");
    // An all-day reminder's date has as many digits as a phone number; a message may hold a number.
    expect(categoryOf('1. create_reminder("Pay rent", "2026-09-10", "", "", 0, True)\n2. join()')).toBe("single");
    expect(categoryOf('1. get_phone_number("Sid")\n2. send_sms(["$1"], "call 415 555 0199")\n3. join()')).toBe("single");
  });
});
