import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { referencesIn, substituteReferences } from "../../src/agent/plan/references";

describe("references versus dollar amounts", () => {
  test("whole-string $N and ${N} are references", () => {
    expect(referencesIn(["$1", " ${2} ", ["$3", ["${4}"]]])).toEqual([1, 2, 3, 4]);
  });

  test("${N} inside text is a reference", () => {
    expect(referencesIn(["Here is the link: ${2}, see you"])).toEqual([2]);
  });

  test("a bare $N inside text is money, not a reference", () => {
    expect(referencesIn(["Can you lend me $5 until Friday?", "budget $30 for $2 coffees", "$5.00", "$ 3"])).toEqual([]);
  });

  test("a plan with money in a message validates and keeps the text", () => {
    const r = parseAndValidatePlan('1. get_phone_number("Sid")\n2. send_sms(["$1"], "Can you lend me $5?")\n3. join()');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.plan.tasks[1]!.dependencies).toEqual([1]);
    const sent = substituteReferences("Can you lend me $5?", () => "WRONG");
    expect(sent).toBe("Can you lend me $5?");
  });

  test("an amount alone is read as a reference, and caught when no such earlier task exists", () => {
    const r = parseAndValidatePlan('1. send_sms(["+1 415 555 0100"], "$5")\n2. join()');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/Task 1 uses \$5, but a task can only use the results of tasks before it/);
  });

  test("substitution replaces whole strings, braced references in text, and list items at any depth", () => {
    const results: Record<number, string> = { 1: "sid@example.com", 2: "https://zoom.us/j/1" };
    const get = (id: number) => results[id]!;
    expect(substituteReferences(["$1", ["${2}"]], get)).toEqual(["sid@example.com", ["https://zoom.us/j/1"]]);
    expect(substituteReferences("Join: ${2} ($5 fee)", get)).toBe("Join: https://zoom.us/j/1 ($5 fee)");
  });
});
