import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EvalExampleSchema, readJsonLines, scoreExample, summarizeEval, type EvalExample } from "../../src/agent/evaluation";
import { actionTasks, type Plan, type PlanTask } from "../../src/agent/plan/plan";
import type { PyValue } from "../../src/agent/plan/pythonLiteral";
import { isWholeReference, referencesInString } from "../../src/agent/plan/references";
import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { parseLocalDateTime, toEpochMinutes, weekdayName } from "../../src/core/time/localDateTime";
import { TOOL_NAMES, type ToolName } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";
import type { ParamDefinition } from "../../src/core/tools/params";

// The hand-written natural sets (training/README.md, "Natural dev set"). These checks guard the
// files against slips in hand-written gold plans; each names the offending ids.

interface Parsed {
  example: EvalExample;
  plan: Plan;
}

const LOOKUPS: ReadonlySet<string> = new Set(["get_phone_number", "get_email_address"]);
const fold = (s: string) => s.normalize("NFC").toLowerCase();

/** Each argument of each action task with its parameter definition. */
function* argumentsOf(plan: Plan): Generator<{ task: PlanTask; param: ParamDefinition; value: PyValue }> {
  for (const task of actionTasks(plan)) {
    const params: readonly ParamDefinition[] = TOOLS[task.tool as ToolName].params;
    for (const [i, param] of params.entries()) yield { task, param, value: task.args[i]! };
  }
}

const isOutOfScope = (p: Parsed) => actionTasks(p.plan).length === 0;

interface HandWrittenSet {
  file: string;
  /** How many lines at least. */
  min: number;
  /** Composed as the dev set is (every tool, 10–20% out of scope, every weekday, many months). */
  composed: boolean;
}

// The natural dev set is a measurement; the natural validation set is for decisions (training/README.md).
const SETS: HandWrittenSet[] = [
  { file: "dev-natural.jsonl", min: 200, composed: true },
  { file: "valid-natural.jsonl", min: 150, composed: false },
];

describe.each(SETS)("hand-written set training/data/$file", ({ file, min, composed }) => {
  const lines = readJsonLines(readFileSync(join(__dirname, "../../training/data", file), "utf8"), EvalExampleSchema);
  const examples: EvalExample[] = lines.flatMap((l) => (l.ok ? [l.value] : []));
  const parsed: Parsed[] = examples.flatMap((example) => {
    const r = parseAndValidatePlan(example.plan);
    return r.ok ? [{ example, plan: r.plan }] : [];
  });
  /** Ids (with a reason) of the examples for which `check` reports something. */
  const violations = (check: (p: Parsed) => string | undefined): string[] =>
    parsed.flatMap((p) => {
      const why = check(p);
      return why === undefined ? [] : [`${p.example.id}: ${why}`];
    });
  const composedOnly = composed ? test : test.skip;

  test("every line is a valid eval example with a unique id, and there are enough", () => {
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(min);
    const ids = examples.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test("every gold plan parses and validates", () => {
    const bad = examples.flatMap((e) => {
      const r = parseAndValidatePlan(e.plan);
      return r.ok ? [] : [`${e.id}: ${r.problems.map((p) => p.message).join(" ")}`];
    });
    expect(bad).toEqual([]);
    expect(parsed).toHaveLength(examples.length);
  });

  test("each gold plan scores as a strict success against itself", () => {
    const report = summarizeEval(examples.map((e) => scoreExample(e, e.plan)));
    expect(report.items.filter((i) => !i.strictSuccess).map((i) => `${i.id}: ${i.error ?? "no match"}`)).toEqual([]);
    expect(report).toMatchObject({ planSuccess: 1, strictSuccess: 1, parseFailureRate: 0, outOfScopeAccuracy: 1 });
  });

  composedOnly("all 16 tools appear, and 10–20% of requests are out of scope", () => {
    const used = new Set(parsed.flatMap((p) => actionTasks(p.plan).map((t) => t.tool)));
    expect(TOOL_NAMES.filter((t) => !used.has(t))).toEqual([]);
    const share = parsed.filter(isOutOfScope).length / parsed.length;
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.2);
  });

  composedOnly("requests are made on every weekday and in many months", () => {
    const nows = examples.map((e) => parseLocalDateTime(e.now)!.value);
    expect(new Set(nows.map(weekdayName)).size).toBe(7);
    expect(new Set(nows.map((t) => `${t.year}-${t.month}`)).size).toBeGreaterThanOrEqual(12);
  });

  test("no query names a tool", () => {
    expect(examples.filter((e) => TOOL_NAMES.some((t) => e.query.includes(t))).map((e) => e.id)).toEqual([]);
  });

  test("dates are 'YYYY-MM-DD HH:MM:00', or a plain date only for an all-day reminder", () => {
    const bad = violations(({ plan }) => {
      for (const { task, param, value } of argumentsOf(plan)) {
        if (param.role !== "datetime" || typeof value !== "string" || isWholeReference(value)) continue;
        if (value === "" && param.name !== "start_date" && param.name !== "start_time") continue;
        const allDay = task.tool === "create_reminder" && task.args[5] === true;
        const pattern = allDay ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00$/;
        if (!pattern.test(value) || !parseLocalDateTime(value)) return `${task.tool} ${param.name} ${JSON.stringify(value)}`;
      }
      for (const task of actionTasks(plan).filter((t) => t.tool === "create_reminder")) {
        if (task.args[5] === true && !/^\d{4}-\d{2}-\d{2}$/.test(String(task.args[1]))) return "all_day True needs a plain date";
      }
      return undefined;
    });
    expect(bad).toEqual([]);
  });

  test("nothing is scheduled before the request was made, and events end after they start", () => {
    const bad = violations(({ example, plan }) => {
      const now = toEpochMinutes(parseLocalDateTime(example.now)!.value);
      const today = now - (now % (24 * 60));
      for (const { task, param, value } of argumentsOf(plan)) {
        if (param.role !== "datetime" || typeof value !== "string" || value === "") continue;
        const t = parseLocalDateTime(value)!;
        if (toEpochMinutes(t.value) < (t.dateOnly ? today : now)) return `${task.tool} ${param.name} ${value} is in the past`;
      }
      for (const task of actionTasks(plan).filter((t) => t.tool === "create_calendar_event" && t.args[2] !== "")) {
        const [start, end] = [task.args[1], task.args[2]].map((v) => toEpochMinutes(parseLocalDateTime(String(v))!.value));
        if (end! <= start!) return `event ends (${String(task.args[2])}) before it starts`;
      }
      return undefined;
    });
    expect(bad).toEqual([]);
  });

  test("each person is looked up once per kind, by a name the query contains, and every lookup is used", () => {
    const bad = violations(({ example, plan }) => {
      const tasks = actionTasks(plan);
      const lookups = tasks.filter((t) => LOOKUPS.has(t.tool));
      const seen = new Set<string>();
      for (const t of lookups) {
        const name = String(t.args[0]);
        if (!fold(example.query).includes(fold(name))) return `${t.tool}("${name}") is not a name from the query`;
        const key = `${t.tool}:${fold(name)}`;
        if (seen.has(key)) return `${t.tool}("${name}") is repeated`;
        seen.add(key);
      }
      const onlyLookups = lookups.length === tasks.length;
      const unused = lookups.find((l) => !tasks.some((t) => t.dependencies.includes(l.id)));
      return !onlyLookups && unused ? `the result of ${unused.tool}("${String(unused.args[0])}") is never used` : undefined;
    });
    expect(bad).toEqual([]);
  });

  test("recipients, cc, invitees and attachments are lists; written addresses are copied from the query", () => {
    const bad = violations(({ example, plan }) => {
      for (const { task, param, value } of argumentsOf(plan)) {
        if (param.role !== "addresses" && param.role !== "paths") continue;
        if (!Array.isArray(value)) return `${task.tool} ${param.name} is not a list`;
        for (const item of value) {
          if (typeof item !== "string") return `${task.tool} ${param.name} holds a non-string`;
          if (isWholeReference(item)) continue;
          if (param.role === "paths") return `${task.tool} attaches ${item} without finding the file first`;
          if (!example.query.includes(item)) return `${task.tool} ${param.name} ${item} is not written in the query`;
          const looksRight = task.tool === "send_sms" ? /\d{5}/.test(item.replace(/\D/g, "")) : /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(item);
          if (!looksRight)
            return `${task.tool} ${param.name} ${item} is not a ${task.tool === "send_sms" ? "phone number" : "email address"}`;
        }
      }
      return undefined;
    });
    expect(bad).toEqual([]);
  });

  test("attachments come from open_and_get_file_path, and summarize_pdf reads a path found that way", () => {
    const bad = violations(({ plan }) => {
      const toolOf = new Map(plan.tasks.map((t) => [t.id, t.tool]));
      for (const { task, param, value } of argumentsOf(plan)) {
        const refs = param.role === "paths" && Array.isArray(value) ? value : param.role === "path" ? [value] : [];
        for (const ref of refs) {
          const id = typeof ref === "string" && isWholeReference(ref) ? referencesInString(ref)[0] : undefined;
          if (id === undefined || toolOf.get(id) !== "open_and_get_file_path") return `${task.tool} ${param.name} is not a found file`;
        }
      }
      return undefined;
    });
    expect(bad).toEqual([]);
  });

  test("names, titles, places, files and dictated text are the user's own words", () => {
    // Generated titles are the two the conventions define; everything else must occur in the query.
    const GENERATED = /^(Meeting with |Summary of )/;
    const bad = violations(({ example, plan }) => {
      const query = fold(example.query);
      for (const { task, param, value } of argumentsOf(plan)) {
        if (!["contact", "title", "text", "place", "container", "note", "file"].includes(param.role)) continue;
        if (typeof value !== "string" || value === "" || referencesInString(value).length > 0) continue;
        if (param.role === "title" && GENERATED.test(value)) continue;
        if (!query.includes(fold(value))) return `${task.tool} ${param.name} ${JSON.stringify(value)} is not in the query`;
      }
      return undefined;
    });
    expect(bad).toEqual([]);
  });
});
