import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ValueSpan } from "../../src/core/values/valueTypes";
import { placeholdersIn } from "../../src/agent/values/delexicalize";
import { seededRandom } from "../../src/gguf/quantize";
import { generateSplit } from "../../training/generator/generate";
import { prepare, readVocabulary, trainingTexts } from "../../training/planner/prepareData";
import { withTaggerMistake } from "../../training/planner/spanNoise";

/** Randomness that returns the given draws in order (then 0), to choose one mistake on purpose. */
const draws =
  (...values: number[]) =>
  () =>
    values.shift() ?? 0;

const requestOf = (prompt: string) => prompt.slice(prompt.indexOf("request: ") + "request: ".length);
/** The tools a plan over placeholders calls, in order (its dates are placeholders, so it does not validate). */
const toolsOf = (completion: string) => [...completion.matchAll(/^\d+\. (\w+)\(/gm)].map((m) => m[1]);

describe("the planner's training pairs", () => {
  const example = {
    id: "t",
    now: "2027-05-30T09:00:00",
    query: "open Royal Procurement in notes and text Valentina that we're leaving at 10 tomorrow",
    plan: '1. open_note("Royal Procurement", "")\n2. get_phone_number("Valentina")\n3. send_sms(["$2"], "we\'re leaving at 10 tomorrow")\n4. join()',
  };

  test("are the gold plan over the gold spans' placeholders", () => {
    const t = trainingTexts(example, [])!;
    expect(requestOf(t.prompt)).toContain("open NOTE1 in notes and text NAME1 that TEXT1");
    expect(t.completion).toBe('1. open_note("NOTE1", "")\n2. get_phone_number("NAME1")\n3. send_sms(["$2"], "TEXT1")\n4. join()');
  });

  test("a type the tagger confuses renames the placeholder in request and plan alike", () => {
    // Kind < 0.35: a swap; the first swappable span (the note); its first confusion (PLACE).
    const t = trainingTexts(example, [], { mistake: draws(0.1, 0, 0) })!;
    expect(requestOf(t.prompt)).toContain("open PLACE1 in notes");
    expect(t.completion).toContain('open_note("PLACE1", "")');
  });

  test("a word tagged on its own is beside a value or last, and the plan ignores it", () => {
    const spans: ValueSpan[] = [{ type: "NAME", start: 5, end: 8 }];
    const text = "text Sid that I am late ty";
    for (let seed = 1; seed <= 40; seed++) {
      const rand = seededRandom(seed);
      const mistaken = withTaggerMistake(text, spans, [], () => rand() * 0.35 + 0.35)!; // always "spurious"
      const added = mistaken.filter((s) => !spans.includes(s));
      expect(added).toHaveLength(1);
      expect(["that", "ty", "text"]).toContain(text.slice(added[0]!.start, added[0]!.end));
    }
  });

  test("out of scope, the tagger's spans are what the planner sees; the plan stays empty", () => {
    const oos = { id: "o", now: "2027-05-30T09:00:00", query: "encrypt AMNESTY.png", plan: "1. join()" };
    const t = trainingTexts(oos, [], { tagged: [{ type: "FILE", start: 8, end: 19 }] })!;
    expect(requestOf(t.prompt)).toContain("encrypt FILE1");
    expect(t.completion).toBe("1. join()");
  });

  test("never change what a plan does, and every placeholder it writes is in the request", () => {
    const rand = seededRandom(7);
    let changed = 0;
    for (const e of generateSplit(1, "train", 400)) {
      const clean = trainingTexts(e, []);
      const noisy = trainingTexts(e, [], { mistake: rand });
      if (!clean || !noisy) continue;
      if (noisy.prompt !== clean.prompt) changed++;
      expect(toolsOf(noisy.completion)).toEqual(toolsOf(clean.completion));
      const inRequest = new Set(placeholdersIn(requestOf(noisy.prompt)));
      for (const p of placeholdersIn(noisy.completion)) expect(inRequest).toContain(p);
    }
    expect(changed).toBeGreaterThan(100);
  });

  test("offer the tools the classifier picked beside the gold ones", () => {
    const offers = (seed: number, offered?: Map<string, ["create_calendar_event"]>) => {
      const { vocab, prepared } = prepare({ train: [example] }, { merges: 20, seed, offered });
      return prepared.train![0]!.prompt.includes(vocab.tokens.indexOf("create_calendar_event"));
    };
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(seeds.every((seed) => offers(seed, new Map([["t", ["create_calendar_event"]]])))).toBe(true);
    // Without the pick it comes only by chance, among the random extras.
    expect(seeds.filter((seed) => offers(seed)).length).toBeLessThan(5);
  });

  test("keep a given vocabulary, so that a shipped planner can go on training", () => {
    const learned = prepare({ train: [example] }, { merges: 20, seed: 1 });
    const dir = mkdtempSync(join(tmpdir(), "vocab-"));
    writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(learned.vocab));
    const vocab = readVocabulary(join(dir, "tokenizer.json"));
    // Other data would learn other merges; the given vocabulary encodes it all the same.
    const other = { ...example, id: "u", query: "email Sid the deck" };
    const kept = prepare({ train: [other] }, { merges: 20, seed: 1, vocab });
    expect(kept.vocab).toEqual(learned.vocab);
    expect(prepare({ train: [other] }, { merges: 20, seed: 1 }).vocab.merges).not.toEqual(learned.vocab.merges);

    writeFileSync(
      join(dir, "old.json"),
      JSON.stringify({ ...learned.vocab, tokens: learned.vocab.tokens.filter((t) => t !== "send_sms") }),
    );
    expect(() => readVocabulary(join(dir, "old.json"))).toThrow(/lacks the tokens send_sms/);
  });
});
