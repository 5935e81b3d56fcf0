// Checks a hand-written examples file before anyone measures with it: each line reads as an eval
// example, its gold plan validates, and every date and copied value of the plan is in the request
// as the normalizer rewrites it (a plan that needs words the request does not hold cannot be
// produced). Prints each problem with the line's id and the normalized request.
//
//   npx tsx training/checkExamples.ts <file.jsonl>
import { readFileSync } from "node:fs";
import { EvalExampleSchema, exampleCategory, readJsonLines } from "../src/agent/evaluation";
import { normalizeRequest } from "../src/agent/normalize";
import { parseAndValidatePlan } from "../src/agent/plan/validatePlan";
import { parseLocalDateTime } from "../src/core/time/localDateTime";
import { checkNormalizer } from "./generator/checkNormalizer";

const file = process.argv[2];
if (!file) throw new Error("usage: npx tsx training/checkExamples.ts <file.jsonl>");
let problems = 0;
const counts = new Map<string, number>();
const ids = new Set<string>();
for (const [n, line] of readJsonLines(readFileSync(file, "utf8"), EvalExampleSchema).entries()) {
  if (!line.ok) {
    problems++;
    console.log(`line ${n + 1}: ${line.error}`);
    continue;
  }
  const e = line.value;
  if (ids.has(e.id)) {
    problems++;
    console.log(`${e.id}: the id is used twice`);
  }
  ids.add(e.id);
  const plan = parseAndValidatePlan(e.plan);
  if (!plan.ok) {
    problems++;
    console.log(`${e.id}: the plan is not valid: ${plan.problems.map((p) => p.message).join("; ")}`);
    continue;
  }
  const category = exampleCategory(plan.plan);
  counts.set(category, (counts.get(category) ?? 0) + 1);
  const check = checkNormalizer([e]);
  for (const f of check.failures) {
    problems++;
    const normalized = normalizeRequest(e.query, parseLocalDateTime(e.now)!.value).text;
    console.log(`${e.id}: "${f.missing}" is not in the normalized request: ${normalized}`);
  }
}
console.log(`${problems} problem(s); ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}`);
