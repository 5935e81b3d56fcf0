import { normalizeRequest } from "../../../src/agent/normalize";
import { parseAndValidatePlan } from "../../../src/agent/plan/validatePlan";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseLocalDateTime } from "../../../src/core/time/localDateTime";
import {
  delexicalize,
  delexicalizeString,
  delexicalizeValue,
  placeholdersIn,
  relexicalizeLine,
  relexicalizeString,
  relexicalizeValue,
} from "../../../src/agent/values/delexicalize";
import { goldValueSpans } from "../../../src/agent/values/goldSpans";
import { isPlaceholderValue } from "../../../src/agent/values/placeholderPlan";
import { timeSpans } from "../../../src/core/values/timeSpans";
import { MAX_PER_TYPE, type ValueSpan } from "../../../src/core/values/valueTypes";
import { wordTokens } from "../../../src/core/values/wordTokens";

const span = (text: string, value: string, type: ValueSpan["type"], from = 0): ValueSpan => {
  const start = text.indexOf(value, from);
  if (start < 0) throw new Error(`${value} not in ${text}`);
  return { type, start, end: start + value.length };
};

describe("delexicalize", () => {
  const text = "text Sid and Lutfi that I'm late, then email Sid";
  test("numbers placeholders per type in order; the same value twice is one placeholder", () => {
    const d = delexicalize(text, [
      span(text, "Sid", "NAME"),
      span(text, "Lutfi", "NAME"),
      span(text, "I'm late", "TEXT"),
      span(text, "Sid", "NAME", 30),
    ]);
    expect(d.text).toBe("text NAME1 and NAME2 that TEXT1, then email NAME1");
    expect(d.slots.map((s) => [s.placeholder, s.value])).toEqual([
      ["NAME1", "Sid"],
      ["NAME2", "Lutfi"],
      ["TEXT1", "I'm late"],
    ]);
  });

  test("overlapping spans keep the first, then the longest", () => {
    const t = "text Sid that Sid Lee is here";
    const d = delexicalize(t, [span(t, "Sid Lee is here", "TEXT"), span(t, "Sid", "NAME"), span(t, "Sid Lee", "NAME", 10)]);
    expect(d.text).toBe("text NAME1 that TEXT1");
  });

  test("values beyond the placeholders of a type stay as words", () => {
    const names = Array.from({ length: MAX_PER_TYPE + 2 }, (_, i) => `P${String.fromCharCode(97 + i)}`);
    const t = names.join(" ");
    const d = delexicalize(
      t,
      names.map((n) => span(t, n, "NAME")),
    );
    expect(d.slots).toHaveLength(MAX_PER_TYPE);
    expect(d.text.endsWith(`${names.at(-2)} ${names.at(-1)}`)).toBe(true);
  });

  test("no spans: the text as it was", () => {
    expect(delexicalize("open my notes", [])).toEqual({ text: "open my notes", slots: [] });
  });
});

describe("relexicalize", () => {
  const slots = delexicalize("email report_v2.pdf to Sid", [
    { type: "FILE", start: 6, end: 19 },
    { type: "NAME", start: 23, end: 26 },
  ]).slots;
  test("placeholders get their values back, in strings and lists", () => {
    expect(relexicalizeString("Meeting with NAME1", slots)).toBe("Meeting with Sid");
    expect(relexicalizeValue(["$1", "NAME1"], slots)).toEqual(["$1", "Sid"]);
    expect(relexicalizeValue(60, slots)).toBe(60);
  });
  test("a summary's subject is the file name without its extension", () => {
    expect(relexicalizeString("Summary of FILE1", slots)).toBe("Summary of report_v2");
  });
  test("a placeholder with no slot stays as written", () => {
    expect(relexicalizeString("NAME7", slots)).toBe("NAME7");
  });
  test("delexicalizeString is the inverse for training", () => {
    expect(delexicalizeString("Meeting with Sid", slots)).toBe("Meeting with NAME1");
    expect(delexicalizeString("Summary of report_v2", slots)).toBe("Summary of FILE1");
    expect(delexicalizeString("sid", slots)).toBe("NAME1");
  });
  test("placeholdersIn lists each placeholder once", () => {
    expect(placeholdersIn("text NAME1 and NAME2 at TIME1, NAME1")).toEqual(["NAME1", "NAME2", "TIME1"]);
  });
});

describe("isPlaceholderValue", () => {
  test("accepts what the grammar can write, nothing else", () => {
    for (const ok of ["", "$1", "NAME1", "Meeting with NAME1 and NAME2", "Summary of FILE1", "TEXT1 ${2}", "d", 60, true, ["$1", "EMAIL1"]])
      expect(isPlaceholderValue(ok)).toBe(true);
    for (const bad of ["Sid", "Meeting with Sid", "TEXT1 and more words", ["$1", "Sid"]]) expect(isPlaceholderValue(bad)).toBe(false);
  });
});

describe("timeSpans", () => {
  test("the normalizer's times, not dates inside file names", () => {
    const t = "at 2026-11-23 14:00:00 (ends 2026-11-23 15:00:00, 60 min), send report_2026-11-23.pdf, on 2026-11-27";
    expect(timeSpans(t).map((s) => t.slice(s.start, s.end))).toEqual(["2026-11-23 14:00:00", "2026-11-23 15:00:00", "2026-11-27"]);
  });
});

describe("wordTokens", () => {
  test("words and single punctuation marks with their offsets", () => {
    expect(wordTokens("Zoë's sid@x.io").map((t) => t.text)).toEqual(["Zoë", "'", "s", "sid", "@", "x", ".", "io"]);
    expect(wordTokens("a  b")[1]).toEqual({ text: "b", start: 3, end: 4 });
  });
});

describe("goldValueSpans", () => {
  test("the plan's values in the request; a longer value claims its text first; a summary subject is not a span", () => {
    const query = "What's the summary of cook petticoat 12_03.pdf then mail Trọng Hà that it's done";
    const plan = parseAndValidatePlan(
      '1. open_and_get_file_path("cook petticoat 12_03.pdf")\n2. summarize_pdf("$1")\n3. get_email_address("Trọng Hà")\n' +
        '4. compose_new_email(["$3"], [], "Summary of cook petticoat 12_03", "it\'s done ${2}", [])\n5. join()',
    );
    if (!plan.ok) throw new Error("bad plan");
    const d = delexicalize(query, goldValueSpans(query, plan.plan.tasks));
    expect(d.text).toBe("What's the summary of FILE1 then mail NAME1 that TEXT1");
    expect(d.slots.map((s) => s.value)).toEqual(["cook petticoat 12_03.pdf", "Trọng Hà", "it's done"]);
  });

  test("names are matched regardless of case, and only at word boundaries", () => {
    const query = "text mom and Tom that Tomorrow works";
    const plan = parseAndValidatePlan(
      '1. get_phone_number("Mom")\n2. get_phone_number("Tom")\n3. send_sms(["$1", "$2"], "Tomorrow works")\n4. join()',
    );
    if (!plan.ok) throw new Error("bad plan");
    expect(delexicalize(query, goldValueSpans(query, plan.plan.tasks)).text).toBe("text NAME1 and NAME2 that TEXT1");
  });
});

describe("dictated text with a time in it", () => {
  test("gold spans find it as typed and claim the rewritten time; delexicalize gives it back as typed", () => {
    const now = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
    const n = normalizeRequest("text Valentina that we're leaving at 10 tomorrow, ok?", now);
    const plan = parseAndValidatePlan('1. get_phone_number("Valentina")\n2. send_sms(["$1"], "we\'re leaving at 10 tomorrow")\n3. join()');
    if (!plan.ok) throw new Error("bad plan");
    const spans = goldValueSpans(n.text, plan.plan.tasks, n.changes);
    const d = delexicalize(n.text, spans, n.changes);
    expect(d.text).toBe("text NAME1 that TEXT1, ok?");
    expect(d.slots.map((s) => s.value)).toEqual(["Valentina", "we're leaving at 10 tomorrow"]);
  });
});

describe("the natural dev set through placeholders and back", () => {
  test("every plan the grammar can write comes back exactly, dictated text as typed (times included)", () => {
    const lines = readFileSync(join(__dirname, "../../../training/data/dev-natural.jsonl"), "utf8").split("\n").filter(Boolean);
    let writable = 0;
    for (const line of lines) {
      const ex = JSON.parse(line) as { now: string; query: string; plan: string };
      const n = normalizeRequest(ex.query, parseLocalDateTime(ex.now)!.value);
      const plan = parseAndValidatePlan(ex.plan);
      if (!plan.ok) throw new Error(ex.plan);
      const d = delexicalize(n.text, goldValueSpans(n.text, plan.plan.tasks, n.changes), n.changes);
      const delexed = plan.plan.tasks.map((t) => t.args.map((a) => delexicalizeValue(a, d.slots)));
      if (!delexed.every((args) => args.every(isPlaceholderValue))) continue;
      writable++;
      // Values come back as the user typed them; gold plans capitalize titles ("Budget review"), which the metric ignores.
      const lower = (v: unknown): unknown => (typeof v === "string" ? v.toLowerCase() : Array.isArray(v) ? v.map(lower) : v);
      expect(lower(delexed.map((args) => args.map((a) => relexicalizeValue(a, d.slots))))).toEqual(
        lower(plan.plan.tasks.map((t) => t.args)),
      );
    }
    // What the grammar cannot write: values that are not in the request (a title made up, "Mom" for "my mother").
    expect(writable / lines.length).toBeGreaterThan(0.9);
  });
});

describe("values that would change the plan", () => {
  const slotsFor = (text: string, value: string) =>
    delexicalize(text, [{ type: "TEXT", start: text.indexOf(value), end: text.indexOf(value) + value.length }]).slots;

  test("a message that reads as a reference is refused, never run as one", () => {
    for (const message of ["${1}", "the code is ${1}", "$1"]) {
      const slots = slotsFor(`text Sid that ${message}`, message);
      expect(() => relexicalizeLine('2. send_sms(["$1"], "TEXT1")', 2, slots)).toThrow(/would read as a reference/);
    }
    // "$5" inside longer text is money, not a reference: it comes back as typed.
    const money = slotsFor("text Sid that lunch is $5", "lunch is $5");
    expect(relexicalizeLine('2. send_sms(["$1"], "TEXT1")', 2, money)).toBe('2. send_sms(["$1"], "lunch is $5")');
  });

  test("a word that looks like a placeholder is not one", () => {
    const d = delexicalize("email NAME1 to Sid", [{ type: "NAME", start: 15, end: 18 }]);
    expect(d.text).toBe("email name1 to NAME1");
    expect(placeholdersIn("hi éTEXT1 and NAME99")).toEqual(["NAME99"]);
    expect(relexicalizeString("éNAME1", d.slots)).toBe("éNAME1");
  });
});
