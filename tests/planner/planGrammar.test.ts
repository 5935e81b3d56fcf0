import fc from "fast-check";
import { getLlamaInstance } from "../../src/agent/planner/llamaRuntime";
import { buildPlanGrammar, integerRange, requestSpans } from "../../src/agent/planner/planGrammar";
import { actionTasks } from "../../src/agent/plan/plan";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";
import { parsePlanText } from "../../src/agent/plan/planParser";
import { relexicalizeLine } from "../../src/agent/values/delexicalize";
import type { ValueType } from "../../src/core/values/valueTypes";
import { tinyModel } from "../support/tinyModel";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";

/** The GBNF integer expression as a JS regex (it only uses literals, ranges, spaces, | and parens). */
const asRegExp = (gbnf: string) => new RegExp(`^(?:${gbnf.replace(/"(\d)"/g, "$1").replace(/ /g, "")})$`);

describe("plan grammar pieces", () => {
  test("integer ranges match exactly the numbers in range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const re = asRegExp(integerRange(min, max));
        for (const n of [min - 1, min, max, max + 1, Math.floor((min + max) / 2), 0, 9, 10, 99, 100, 1440]) {
          if (n < 0) continue;
          expect(re.test(String(n))).toBe(n >= min && n <= max);
        }
        expect(re.test("01")).toBe(false);
      }),
    );
  });

  test("request spans: as typed, without punctuation or possessive, capitalized", () => {
    const spans = requestSpans("text mom's friend Dr. Patel, then attach Q3_report.pdf");
    expect(spans).toEqual(expect.arrayContaining(["mom", "Mom", "Dr. Patel", "Q3_report.pdf", "friend Dr. Patel"]));
    expect(spans).not.toContain("Patel,");
    expect(spans).not.toContain("Dr.");
    expect(requestSpans("budget $30 for ${2}")).not.toContain("$30");
    expect(requestSpans("budget $30 for ${2}")).not.toContain("${2}");
    expect(spans.every((s) => s.trim() === s && s !== "")).toBe(true);
  });

  test("a grammar with no tools allows only join()", () => {
    expect(buildPlanGrammar({ tools: [] })).toContain('step-1 ::= "1. " "join()"');
  });

  test("placeholders: a tool whose required argument nothing in the request can fill is not offered", () => {
    const tools: ToolName[] = ["create_calendar_event", "get_phone_number", "send_sms"];
    // No TIME: no event (its start is required); no NAME: no lookup before a result exists to pass.
    const noTime = buildPlanGrammar({ tools, placeholders: ["TEXT1", "PHONE1"], maxTasks: 2 });
    expect(noTime).not.toContain("create_calendar_event(");
    expect(noTime).toMatch(/step-1 ::= "1\. " \("join\(\)" \| \(get-phone-number-1 \| send-sms-1\)/);
    expect(buildPlanGrammar({ tools, placeholders: ["NAME1", "TIME1", "TIME2"], maxTasks: 2 })).toContain("create_calendar_event(");
    expect(buildPlanGrammar({ tools: ["get_phone_number"], placeholders: [], maxTasks: 2 })).toContain('step-1 ::= "1. " "join()"');
  });

  test("placeholders: lists hold values and results only, no bare strings, no None", () => {
    const g = buildPlanGrammar({ tools: ["compose_new_email"], placeholders: ["NAME1", "TEXT1"], maxTasks: 2 });
    const call = g.split("\n").find((l) => l.startsWith("compose-new-email-2 ::="))!;
    expect(call).toBe(
      'compose-new-email-2 ::= "compose_new_email(" ("[" ((value-ph | ref-2) (", " (value-ph | ref-2)){0,7})? "]") ", " ("[" ((value-ph | ref-2) (", " (value-ph | ref-2)){0,7})? "]") ", " (empty | value-ph | ref-2 | meeting-with | then-result-2) ", " (empty | value-ph | ref-2 | meeting-with | then-result-2) ", " ("[" ((value-ph | ref-2) (", " (value-ph | ref-2)){0,7})? "]") ")"',
    );
  });
});

describe("plans generated under the grammar by a random-weight model", () => {
  const requests = [
    "Text Sid's mom that the Q3_report.pdf is late",
    "email Zoë and José about the budget $30 meeting tmrw",
    "Remind me to call Dr. Patel on Friday",
    "forward this to anna@example.com and +1 415 555 0100",
    "Open Trip Ideas.note and show directions to the Ferry Building",
  ];

  test("100 out of 100 parse and validate, and copied names come from the request", async () => {
    const llama = await getLlamaInstance(ENGINE_MODULES);
    const model = await llama.loadModel({ modelPath: tinyModel().path });
    const context = await model.createContext({ contextSize: 2048, threads: 1 });
    const { LlamaCompletion } = await import("node-llama-cpp");
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    const toolSets = fc.sample(fc.subarray([...TOOL_NAMES], { minLength: 1 }), { numRuns: 100, seed: 42 });
    const failures: string[] = [];
    try {
      for (let i = 0; i < 100; i++) {
        const tools = toolSets[i]!;
        const query = requests[i % requests.length]!;
        const copy = i % 2 === 0;
        const gbnf = buildPlanGrammar({
          tools,
          maxTasks: 3,
          maxStringLength: 8,
          maxListItems: 2,
          thoughts: i % 3 === 0,
          endOfPlan: true,
          ...(copy ? { copyFrom: query } : {}),
        });
        const grammar = await llama.createGrammar({ grammar: gbnf });
        const text = await completion.generateCompletion(`plan ${i}: ${query}\n`, {
          grammar,
          maxTokens: 1200,
          temperature: 1,
          seed: i,
          customStopTriggers: ["<END_OF_PLAN>"],
        });
        // The grammar's promise is the plan language and the argument types; what a tool would
        // refuse (a random name where an address belongs) is caught by validation at review.
        const result = parseAndValidatePlan(text, { offeredTools: tools, checkValues: false });
        if (!result.ok) {
          failures.push(`${JSON.stringify(text)}: ${result.problems.map((p) => p.message).join(" ")}`);
          continue;
        }
        if (copy) {
          for (const task of actionTasks(result.plan)) {
            TOOLS[task.tool as ToolName].params.forEach((p, j) => {
              const value = task.args[j];
              if (["contact", "file", "note"].includes(p.role) && typeof value === "string" && !value.startsWith("$")) {
                if (!requestSpans(query).includes(value))
                  failures.push(`${task.tool}.${p.name} = ${JSON.stringify(value)} is not from "${query}"`);
              }
            });
          }
        }
      }
    } finally {
      await context.dispose();
      await model.dispose();
    }
    expect(failures).toEqual([]);
  });
});

describe("the embedded planner's grammar (placeholders) under a random-weight model", () => {
  const requests = [
    { text: "text NAME1 that TEXT1", placeholders: ["NAME1", "TEXT1"] },
    {
      text: "invite NAME1 and NAME2 to TITLE1 TIME1 (ends TIME2, 60 min) and text them the link",
      placeholders: ["NAME1", "NAME2", "TITLE1", "TIME1", "TIME2"],
    },
    { text: "summarize FILE1 and email it to EMAIL1", placeholders: ["FILE1", "EMAIL1"] },
    { text: "open my notes", placeholders: [] },
  ];
  const VALUE = "(?:NAME|EMAIL|PHONE|FILE|NOTE|PLACE|TITLE|TEXT|FOLDER)\\d+";
  // The composed forms of the conventions, and nothing else pieced together.
  const FORMS = new RegExp(`^(?:${VALUE}|Meeting with NAME\\d+(?: and NAME\\d+)*|Summary of FILE\\d+|${VALUE} \\$\\{\\d+\\})$`);

  test("every string is a placeholder of the request, a reference, or a composed form; times only TIME placeholders", async () => {
    const llama = await getLlamaInstance(ENGINE_MODULES);
    const model = await llama.loadModel({ modelPath: tinyModel().path });
    const context = await model.createContext({ contextSize: 2048, threads: 1 });
    const { LlamaCompletion } = await import("node-llama-cpp");
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    const toolSets = fc.sample(fc.subarray([...TOOL_NAMES], { minLength: 1 }), { numRuns: 60, seed: 7 });
    const failures: string[] = [];
    try {
      for (let i = 0; i < 60; i++) {
        const tools = toolSets[i]!;
        const request = requests[i % requests.length]!;
        const grammar = await llama.createGrammar({
          grammar: buildPlanGrammar({ tools, maxTasks: 3, maxListItems: 2, placeholders: request.placeholders }),
        });
        const text = await completion.generateCompletion(`plan ${i}: ${request.text}\n`, {
          grammar,
          maxTokens: 600,
          temperature: 1,
          seed: i,
        });
        // Valid once the values are back (a TIME placeholder is not a date until then).
        const slots = request.placeholders.map((placeholder) => ({
          placeholder,
          type: placeholder.replace(/\d+$/, "") as ValueType,
          value: placeholder.startsWith("TIME") ? "2026-11-23 14:00:00" : `value of ${placeholder}`,
          start: 0,
          end: 0,
        }));
        const relexed = text
          .split("\n")
          .map((line, n) => relexicalizeLine(line, n + 1, slots))
          .join("\n");
        if (!parseAndValidatePlan(relexed, { offeredTools: tools, checkValues: false }).ok) failures.push(`invalid: ${relexed}`);
        for (const task of parsePlanText(text).steps.filter((t) => t.tool !== "join")) {
          TOOLS[task.tool as ToolName].params.forEach((p, j) => {
            const visit = (v: unknown): void => {
              if (Array.isArray(v)) {
                for (const item of v)
                  if (typeof item !== "string" || !new RegExp(`^(?:${VALUE}|\\$\\d+)$`).test(item))
                    failures.push(`${task.tool}.${p.name} holds ${JSON.stringify(item)}`);
                return v.forEach(visit);
              }
              if (typeof v !== "string" || /^\$\d+$/.test(v) || v === "") return;
              const used = v.match(/[A-Z]+\d+/g) ?? [];
              const unknown = used.filter((u) => !request.placeholders.includes(u));
              if (p.role === "datetime") {
                if (!/^TIME\d+$/.test(v)) failures.push(`${task.tool}.${p.name} = ${JSON.stringify(v)}: a date not of the request`);
              } else if (p.role !== "transport" && (!FORMS.test(v) || unknown.length > 0 || used.some((u) => u.startsWith("TIME")))) {
                failures.push(`${task.tool}.${p.name} = ${JSON.stringify(v)} for "${request.text}"`);
              }
            };
            visit(task.args[j]);
          });
        }
      }
    } finally {
      await context.dispose();
      await model.dispose();
    }
    expect(failures).toEqual([]);
  });
});
