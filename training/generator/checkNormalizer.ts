import { parseAndValidatePlan } from "../../src/agent/plan/validatePlan";
import { isWholeReference } from "../../src/agent/plan/references";
import { normalizeRequest } from "../../src/agent/normalize";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { TOOLS } from "../../src/tools/catalog";
import type { ToolName } from "../../src/core/tools/names";
import type { Example } from "./compose";

export interface NormalizerCheck {
  examples: number;
  /** Gold date-times (and dates) in plans. */
  dates: number;
  /** ... that occur verbatim in the normalized request. */
  datesVerbatim: number;
  /** ... verbatim, or the documented 09:00/10:00 of a day-only event whose day occurs verbatim. */
  datesByRule: number;
  /** Gold zoom durations that occur as "N min" in the normalized request. */
  durations: number;
  durationsVerbatim: number;
  /** Other copied strings (names, files, messages, titles) still present after normalizing. */
  copies: number;
  copiesKept: number;
  failures: { query: string; normalized: string; missing: string }[];
}

/** Normalizes each query and checks that the values the gold plan copies are in the normalized text. */
export function checkNormalizer(examples: Iterable<Example>, keepFailures = 20): NormalizerCheck {
  const c: NormalizerCheck = {
    examples: 0,
    dates: 0,
    datesVerbatim: 0,
    datesByRule: 0,
    durations: 0,
    durationsVerbatim: 0,
    copies: 0,
    copiesKept: 0,
    failures: [],
  };
  for (const e of examples) {
    c.examples++;
    const now = parseLocalDateTime(e.now)!.value;
    const normalized = normalizeRequest(e.query, now).text;
    const lower = normalized.toLowerCase();
    const plan = parseAndValidatePlan(e.plan);
    if (!plan.ok) throw new Error(`invalid gold plan for ${e.id}`);
    const fail = (missing: string) => {
      if (c.failures.length < keepFailures) c.failures.push({ query: e.query, normalized, missing });
    };
    for (const task of plan.plan.tasks) {
      if (task.tool === "join") continue;
      const params = TOOLS[task.tool as ToolName].params;
      task.args.forEach((arg, i) => {
        const role = params[i]!.role;
        if (role === "datetime" && typeof arg === "string" && arg !== "") {
          c.dates++;
          if (normalized.includes(arg)) {
            c.datesVerbatim++;
            c.datesByRule++;
          } else if (/ (09|10):00:00$/.test(arg) && normalized.includes(arg.slice(0, 10))) c.datesByRule++;
          else fail(arg);
        } else if (role === "minutes" && typeof arg === "number") {
          c.durations++;
          if (normalized.includes(`, ${arg} min)`)) c.durationsVerbatim++;
          else fail(`${arg} min`);
        } else if (["contact", "file", "note", "place", "text", "container", "title"].includes(role)) {
          for (const v of Array.isArray(arg) ? arg : [arg]) {
            if (typeof v !== "string" || v === "" || isWholeReference(v) || /\$\{?\d/.test(v) || (/@/.test(v) && role === "addresses"))
              continue;
            if (role === "contact" && /^[A-Z]/.test(v) && !e.query.includes(v)) continue; // "mom" → "Mom"
            if (role === "title" && /^(Meeting with|Summary of) /.test(v)) continue; // conventions, not copies
            c.copies++;
            if (lower.includes(v.toLowerCase())) c.copiesKept++;
            else fail(v);
          }
        }
      });
    }
  }
  return c;
}
