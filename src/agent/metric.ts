import type { Plan, PlanTask } from "./plan/plan";
import type { PyValue } from "./plan/pythonLiteral";
import { isWholeReference, referencesInString } from "./plan/references";
import { parseLocalDateTime, toEpochMinutes } from "../core/time/localDateTime";
import { TOOLS } from "../tools/catalog";
import type { ToolName } from "../core/tools/names";
import { UNORDERED_ROLES, type ParamDefinition } from "../core/tools/params";

export interface PlanScore {
  /** TinyAgent's metric: the plan graphs are isomorphic, nodes matched on tool and ancestors' tools. */
  planSuccess: boolean;
  /** Plan success, and every argument equal after normalization under the same node matching. */
  strictSuccess: boolean;
}

export function scorePlan(gold: Plan, predicted: Plan): PlanScore {
  const planSuccess = findIsomorphism(gold, predicted, false) !== undefined;
  const strictSuccess = planSuccess && findIsomorphism(gold, predicted, true) !== undefined;
  return { planSuccess, strictSuccess };
}

interface Graph {
  tasks: PlanTask[];
  parents: Map<number, number[]>;
  labels: Map<number, string>;
}

/**
 * The graph as TinyAgent builds it: an edge N → M when M references $N; join is an isolated node
 * (its implicit dependence on everything is ignored). Each node's label is its tool with its
 * ancestors' labels, recursively, so a match also matches where each input comes from.
 */
function graphOf(plan: Plan): Graph {
  const parents = new Map(plan.tasks.map((t) => [t.id, t.tool === "join" ? [] : t.dependencies]));
  const labels = new Map<number, string>();
  const labelOf = (id: number): string => {
    const known = labels.get(id);
    if (known !== undefined) return known;
    const task = plan.tasks.find((t) => t.id === id)!;
    const label = `${task.tool}(${(parents.get(id) ?? []).map(labelOf).sort().join(",")})`;
    labels.set(id, label);
    return label;
  };
  plan.tasks.forEach((t) => labelOf(t.id));
  return { tasks: plan.tasks, parents, labels };
}

/** A gold id → predicted id bijection preserving labels and edges (and arguments if strict). */
function findIsomorphism(gold: Plan, predicted: Plan, strict: boolean): Map<number, number> | undefined {
  const g = graphOf(gold);
  const p = graphOf(predicted);
  if (g.tasks.length !== p.tasks.length) return undefined;
  const multiset = (graph: Graph) => [...graph.labels.values()].sort().join("|");
  if (multiset(g) !== multiset(p)) return undefined;

  const mapping = new Map<number, number>();
  const used = new Set<number>();
  // Gold ids increase along every edge, so parents are always mapped before their children.
  const order = [...g.tasks].sort((a, b) => a.id - b.id);

  const search = (i: number): boolean => {
    if (i === order.length) return true;
    const gt = order[i]!;
    const goldParents = new Set(g.parents.get(gt.id)!.map((id) => mapping.get(id)!));
    for (const pt of p.tasks) {
      if (used.has(pt.id) || p.labels.get(pt.id) !== g.labels.get(gt.id)) continue;
      const predParents = p.parents.get(pt.id)!;
      if (predParents.length !== goldParents.size || !predParents.every((id) => goldParents.has(id))) continue;
      if (strict && !argumentsMatch(gt, pt, mapping)) continue;
      mapping.set(gt.id, pt.id);
      used.add(pt.id);
      if (search(i + 1)) return true;
      mapping.delete(gt.id);
      used.delete(pt.id);
    }
    return false;
  };
  return search(0) ? mapping : undefined;
}

function argumentsMatch(gold: PlanTask, predicted: PlanTask, mapping: Map<number, number>): boolean {
  if (gold.tool === "join") return true;
  const params: readonly ParamDefinition[] = TOOLS[gold.tool as ToolName].params;
  const goldArgs = normalizeArgs(gold.tool as ToolName, gold.args);
  const predArgs = normalizeArgs(predicted.tool as ToolName, predicted.args);
  if (goldArgs.length !== predArgs.length) return false;
  return params.every((param, i) => valuesMatch(param, goldArgs[i]!, predArgs[i]!, mapping));
}

/** Applies the tool's schema normalization (None → "", one address → a list) where the arguments allow it. */
function normalizeArgs(tool: ToolName, args: readonly PyValue[]): PyValue[] {
  const params: readonly ParamDefinition[] = TOOLS[tool].params;
  return args.map((a, i) => {
    const schema = params[i]?.schema;
    if (!schema || (typeof a === "string" && isWholeReference(a))) return a;
    const parsed = schema.safeParse(a);
    return parsed.success ? (parsed.data as PyValue) : a;
  });
}

function valuesMatch(param: ParamDefinition, gold: PyValue, predicted: PyValue, mapping: Map<number, number>): boolean {
  if (Array.isArray(gold) && Array.isArray(predicted)) {
    if (gold.length !== predicted.length) return false;
    const g = gold.map((v) => canonical(param, v, mapping, "gold"));
    const p = predicted.map((v) => canonical(param, v, mapping, "predicted"));
    if (UNORDERED_ROLES.has(param.role)) {
      g.sort();
      p.sort();
    }
    return g.every((v, i) => v === p[i]);
  }
  if (Array.isArray(gold) !== Array.isArray(predicted)) return false;
  return canonical(param, gold, mapping, "gold") === canonical(param, predicted, mapping, "predicted");
}

/**
 * A comparable form of one value: references rewritten to predicted ids, strings trimmed and
 * case-folded, dates as instants.
 */
function canonical(param: ParamDefinition, value: PyValue, mapping: Map<number, number>, side: "gold" | "predicted"): string {
  if (typeof value !== "string") return JSON.stringify(value);
  if (isWholeReference(value)) {
    const id = referencesInString(value)[0]!;
    return `$ref:${side === "gold" ? (mapping.get(id) ?? `?${id}`) : id}`;
  }
  if (param.role === "datetime") {
    const t = parseLocalDateTime(value);
    if (t) return `@${toEpochMinutes(t.value)}`;
  }
  const text = side === "gold" ? value.replace(/\$\{(\d+)\}/g, (_, id: string) => `\${${mapping.get(Number(id)) ?? `?${id}`}}`) : value;
  return text.normalize("NFC").trim().toLowerCase();
}
