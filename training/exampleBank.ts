// Writes assets/models/example-bank.jsonl: the in-context examples the TinyAgent prompt draws from (up to 6
// per request, those whose tools were all offered, most similar first). Taken from the generator's
// TRAINING split only (never the test split or the natural dev set): the most common combinations of
// tools, two requests each (of middling length: the shortest are often terse or misspelled), so
// the usual tool subsets the classifier offers find examples of their own.
//   npx tsx training/exampleBank.ts --train training/data/generated/train.jsonl [--out assets/models/example-bank.jsonl]
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { EvalExampleSchema, readJsonLines } from "../src/agent/evaluation";
import { normalizeRequest } from "../src/agent/normalize";
import { actionTasks } from "../src/agent/plan/plan";
import { parseAndValidatePlan } from "../src/agent/plan/validatePlan";
import { parseLocalDateTime } from "../src/core/time/localDateTime";

const COMBINATIONS = 300;
const PER_COMBINATION = 2;

const { values } = parseArgs({
  options: { train: { type: "string" }, out: { type: "string", default: "assets/models/example-bank.jsonl" } },
});
if (!values.train) throw new Error("--train is required");
const groups = new Map<string, { query: string; plan: string }[]>();
for (const line of readJsonLines(readFileSync(values.train, "utf8"), EvalExampleSchema)) {
  if (!line.ok) continue;
  const plan = parseAndValidatePlan(line.value.plan);
  if (!plan.ok) continue;
  const tools = [...new Set(actionTasks(plan.plan).map((t) => t.tool))].sort().join(",");
  if (tools === "") continue; // join() alone teaches nothing as an example
  const list = groups.get(tools) ?? [];
  // As the planner sees requests at run time: dates already resolved by the normalizer.
  const query = normalizeRequest(line.value.query, parseLocalDateTime(line.value.now)!.value).text;
  list.push({ query, plan: line.value.plan });
  groups.set(tools, list);
}
const bank = [...groups.entries()]
  .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
  .slice(0, COMBINATIONS)
  .flatMap(([, list]) => {
    const sorted = list.sort((a, b) => a.query.length - b.query.length || a.query.localeCompare(b.query));
    const middle = Math.floor(sorted.length / 2);
    return sorted.slice(middle, middle + PER_COMBINATION);
  });
writeFileSync(values.out, bank.map((e) => JSON.stringify(e)).join("\n") + "\n");
console.log(`${values.out}: ${bank.length} examples over ${groups.size} tool combinations`);
