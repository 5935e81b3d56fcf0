import { scorePlan } from "../../src/agent/metric";
import type { Plan } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";

function plan(lines: string[]): Plan {
  const r = parseAndValidatePlan(lines.join("\n"));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return r.plan;
}

const GOLD = plan([
  '1. get_email_address("Sid")',
  '2. get_email_address("Lutfi")',
  '3. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "2026-11-23 15:00:00", "", ["$1", "$2"], "", "")',
  "4. join()",
]);

describe("plan metric", () => {
  test("identical plans succeed both ways", () => {
    expect(scorePlan(GOLD, GOLD)).toEqual({ planSuccess: true, strictSuccess: true });
  });

  test("reordered independent steps still match, strictly too (references follow the reordering)", () => {
    const reordered = plan([
      '1. get_email_address("lutfi")',
      '2. get_email_address(" Sid ")',
      '3. create_calendar_event("project sync", "2026-11-23 14:00", "2026-11-23 15:00:00", None, ["$2", "$1"], "", None)',
      "4. join()",
    ]);
    expect(scorePlan(GOLD, reordered)).toEqual({ planSuccess: true, strictSuccess: true });
  });

  test("a wrong dependency does not match", () => {
    const wrong = plan([
      '1. get_email_address("Sid")',
      '2. get_email_address("Lutfi")',
      '3. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "2026-11-23 15:00:00", "", ["$1"], "", "")',
      "4. join()",
    ]);
    expect(scorePlan(GOLD, wrong).planSuccess).toBe(false);
  });

  test("a missing or extra step, or another tool, does not match", () => {
    expect(
      scorePlan(
        GOLD,
        plan([
          '1. get_email_address("Sid")',
          '2. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "", "", ["$1"], "", "")',
          "3. join()",
        ]),
      ).planSuccess,
    ).toBe(false);
    expect(
      scorePlan(
        GOLD,
        plan([
          '1. get_phone_number("Sid")',
          '2. get_email_address("Lutfi")',
          '3. create_calendar_event("P", "2026-11-23 14:00:00", "", "", ["$1", "$2"], "", "")',
          "4. join()",
        ]),
      ).planSuccess,
    ).toBe(false);
  });

  test("same structure, different arguments: plan success but not strict", () => {
    const swapped = plan([
      '1. get_email_address("Sid")',
      '2. get_email_address("Lutfi")',
      '3. create_calendar_event("Project Sync", "2026-11-23 15:00:00", "2026-11-23 16:00:00", "", ["$1", "$2"], "", "")',
      "4. join()",
    ]);
    expect(scorePlan(GOLD, swapped)).toEqual({ planSuccess: true, strictSuccess: false });
    const otherName = plan([
      '1. get_email_address("Sid")',
      '2. get_email_address("Lutz")',
      '3. create_calendar_event("Project Sync", "2026-11-23 14:00:00", "2026-11-23 15:00:00", "", ["$1", "$2"], "", "")',
      "4. join()",
    ]);
    expect(scorePlan(GOLD, otherName)).toEqual({ planSuccess: true, strictSuccess: false });
  });

  test("which lookup feeds which action matters strictly", () => {
    const gold = plan([
      '1. get_phone_number("Sid")',
      '2. get_phone_number("Ann")',
      '3. send_sms(["$1"], "hi Sid")',
      '4. send_sms(["$2"], "hi Ann")',
      "5. join()",
    ]);
    const crossed = plan([
      '1. get_phone_number("Sid")',
      '2. get_phone_number("Ann")',
      '3. send_sms(["$2"], "hi Sid")',
      '4. send_sms(["$1"], "hi Ann")',
      "5. join()",
    ]);
    expect(scorePlan(gold, crossed)).toEqual({ planSuccess: true, strictSuccess: false });
  });

  test("graphs with equal label counts but different sharing are told apart", () => {
    const gold = plan([
      '1. open_and_get_file_path("a.pdf")',
      '2. open_and_get_file_path("b.pdf")',
      '3. summarize_pdf("$1")',
      '4. compose_new_email([], [], "s", "", ["$1"])',
      '5. create_note("n", "", "")',
      "6. join()",
    ]);
    const pred = plan([
      '1. open_and_get_file_path("a.pdf")',
      '2. open_and_get_file_path("b.pdf")',
      '3. summarize_pdf("$1")',
      '4. compose_new_email([], [], "s", "", ["$2"])',
      '5. create_note("n", "", "")',
      "6. join()",
    ]);
    expect(scorePlan(gold, pred).planSuccess).toBe(false);
  });

  test("a single recipient string equals a one-item list; None equals empty", () => {
    const a = plan(['1. compose_new_email(["anna@example.com"], [], "Hi", "", [])', "2. join()"]);
    const b = plan(['1. compose_new_email("Anna@Example.com", None, "hi", None, [])', "2. join()"]);
    expect(scorePlan(a, b)).toEqual({ planSuccess: true, strictSuccess: true });
  });

  test("join-only plans match each other and nothing else", () => {
    expect(scorePlan(plan(["1. join()"]), plan(["1. join()"])).planSuccess).toBe(true);
    expect(scorePlan(plan(["1. join()"]), plan(['1. maps_open_location("x")', "2. join()"])).planSuccess).toBe(false);
  });
});
