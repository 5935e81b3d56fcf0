import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { EvalExampleSchema } from "../../src/agent/evaluation";
import { TOOL_NAMES } from "../../src/core/tools/names";
import { checkNormalizer } from "../../training/generator/checkNormalizer";
import { generateSplit } from "../../training/generator/generate";
import { INTENTS, PHRASINGS } from "../../training/generator/intents";
import { OUT_OF_SCOPE_TEMPLATES } from "../../training/generator/outOfScope";
import { pools } from "../../training/generator/pools";
import { splitPhrasings } from "../../training/generator/split";

const take = (seed: number, split: "train" | "valid" | "test", n: number) => [...generateSplit(seed, split, n)];

describe("training data generator", () => {
  const train = take(1, "train", 1500);
  const heldOut = take(1, "test", 1500);

  test("is deterministic from the seed", () => {
    expect(take(1, "train", 50)).toEqual(train.slice(0, 50));
    expect(take(2, "train", 50).map((e) => e.query)).not.toEqual(train.slice(0, 50).map((e) => e.query));
  });

  test("writes DESIGN.md lines whose gold plans pass the validator", () => {
    for (const e of [...train, ...heldOut]) {
      expect(EvalExampleSchema.safeParse(e).success).toBe(true);
      expect(parseAndValidatePlan(e.plan).ok).toBe(true);
    }
  });

  test("covers every tool, multi-tool plans and out-of-scope requests", () => {
    const used = new Set(train.flatMap((e) => [...e.plan.matchAll(/^\d+\. (\w+)\(/gm)].map((m) => m[1])));
    for (const tool of TOOL_NAMES) expect(used).toContain(tool);
    const actions = train.map((e) => e.plan.split("\n").length - 1);
    const share = (f: (n: number) => boolean) => actions.filter(f).length / actions.length;
    expect(share((n) => n === 0)).toBeGreaterThan(0.12);
    expect(share((n) => n >= 3)).toBeGreaterThan(0.3);
    expect(share((n) => n >= 6)).toBeGreaterThan(0.03);
  });

  test("has at least 30 phrasings per intent and many out-of-scope templates", () => {
    for (const [intent, list] of Object.entries(PHRASINGS)) expect([intent, new Set(list).size >= 30]).toEqual([intent, true]);
    expect(OUT_OF_SCOPE_TEMPLATES.length).toBeGreaterThanOrEqual(150);
    expect(INTENTS.length).toBeGreaterThan(20);
  });

  test("splits phrasing families and slot values: the test split shares neither with training", () => {
    for (const list of Object.values(PHRASINGS)) {
      const s = splitPhrasings(list, String);
      expect(s.test.filter((t) => s.train.includes(t))).toEqual([]);
    }
    const p = pools();
    for (const pool of [p.firstNames, p.otherScriptFirstNames]) {
      const trainNames = new Set(pool.of("train").map((n) => n.name));
      expect(pool.of("test").filter((n) => trainNames.has(n.name))).toEqual([]);
      expect(pool.size("test")).toBeGreaterThan(300);
    }
    const trainWords = new Set(p.nouns.of("train"));
    expect(p.nouns.of("test").some((w) => trainWords.has(w))).toBe(false);
    const trainQueries = new Set(train.map((e) => e.query.toLowerCase()));
    const overlap = heldOut.filter((e) => trainQueries.has(e.query.toLowerCase()));
    expect(overlap.length / heldOut.length).toBeLessThan(0.02);
  });

  test("names come in many scripts and are copied as written", () => {
    const names = train.flatMap((e) => [...e.plan.matchAll(/get_(?:email_address|phone_number)\("([^"]+)"\)/g)].map((m) => m[1]!));
    expect(new Set(names).size).toBeGreaterThan(names.length * 0.7);
    expect(names.some((n) => /\p{Script=Cyrillic}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Han}|\p{Script=Hangul}/u.test(n))).toBe(true);
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
  });

  test("every person a gold plan looks up is named in the request", () => {
    // "text them the zoom link" once sent the link to someone the request never named.
    for (const e of [...train, ...heldOut]) {
      const query = e.query.toLowerCase();
      const unnamed = [...e.plan.matchAll(/get_(?:email_address|phone_number)\("([^"]+)"\)/g)]
        .map((m) => m[1]!)
        .filter((n) => !query.includes(n.toLowerCase()));
      expect([e.query, unnamed]).toEqual([e.query, []]);
    }
  });

  test("the normalizer puts every gold date-time and duration of the test split in the text", () => {
    const check = checkNormalizer(heldOut);
    expect(check.dates).toBeGreaterThan(300);
    expect(check.datesVerbatim / check.dates).toBeGreaterThanOrEqual(0.99);
    expect(check.durationsVerbatim / check.durations).toBeGreaterThanOrEqual(0.99);
    expect(check.copiesKept / check.copies).toBeGreaterThanOrEqual(0.995);
  });
});
