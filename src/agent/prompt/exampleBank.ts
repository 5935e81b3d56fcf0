import { actionTasks } from "../plan/plan";
import { parseAndValidatePlan } from "../plan/validatePlan";
import type { ToolName } from "../../core/tools/names";
import type { PromptExample } from "./promptFormat";

interface BankEntry extends PromptExample {
  tools: ReadonlySet<ToolName>;
  words: Map<string, number>;
  norm: number;
}

const wordsOf = (text: string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
};
const normOf = (counts: Map<string, number>) => Math.sqrt([...counts.values()].reduce((s, c) => s + c * c, 0));

/**
 * In-context examples for the TinyAgent prompt (ToolRAG): those whose tools are all among the
 * offered tools, most similar to the request first (cosine of word counts).
 */
export class ExampleBank {
  private readonly entries: BankEntry[];

  constructor(examples: readonly PromptExample[]) {
    this.entries = examples.flatMap((e) => {
      const plan = parseAndValidatePlan(e.plan);
      if (!plan.ok) return [];
      const words = wordsOf(e.query);
      return [{ ...e, tools: new Set(actionTasks(plan.plan).map((t) => t.tool as ToolName)), words, norm: normOf(words) }];
    });
  }

  get size(): number {
    return this.entries.length;
  }

  select(query: string, offered: readonly ToolName[], limit = 6): PromptExample[] {
    const allowed = new Set(offered);
    const q = wordsOf(query);
    const qNorm = normOf(q) || 1;
    return this.entries
      .filter((e) => e.tools.size > 0 && [...e.tools].every((t) => allowed.has(t)))
      .map((e, index) => {
        let dot = 0;
        for (const [w, c] of q) dot += c * (e.words.get(w) ?? 0);
        return { e, index, score: dot / (qNorm * (e.norm || 1)) };
      })
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, limit)
      .map(({ e }) => ({ query: e.query, plan: e.plan }));
  }
}
