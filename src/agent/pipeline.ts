import { z } from "zod";
import { AgentError } from "../core/errors";
import { PlanStreamParser, type PlanParseProblem, type PlanStep } from "./plan/planParser";
import { mergeRepeatedCalls } from "./plan/mergeRepeats";
import { serializePlan } from "./plan/serializePlan";
import { syntaxProblem, validatePlan, type PlanProblem, type PlanValidation } from "./plan/validatePlan";
import { TOOL_NAMES, ToolNameSchema, type ToolName } from "../core/tools/names";
import type { LocalDateTime } from "../core/time/localDateTime";
import { delexicalize, relexicalizeLines, type Delexicalized } from "./values/delexicalize";
import type { TaggedValues, TaggerToolVotes } from "../classifier/valueTagger";

export const ToolScoreSchema = z.object({ tool: ToolNameSchema, probability: z.number() });
export type ToolScore = z.infer<typeof ToolScoreSchema>;

export interface ToolSelection {
  /** The tools offered to the planner, most likely first. Empty means "nothing to do". */
  selected: ToolScore[];
  /** Every tool's probability, in label order, when a classifier produced them. */
  scores?: ToolScore[];
  /** What the classifier alone picked, when the offered set was widened (a given plan may use any tool). */
  classified?: ToolScore[];
  /** The classifier's probability that no tool can serve the request. */
  outOfScope?: number;
}

/** What the values stage found, for the tool selector: when a tagger ran before it. */
export interface TaggedRequest {
  /** The normalized request with its values as placeholders (a classifier trained on such text reads it). */
  delexicalized: string;
  /** The tagger's tool votes, when its model has a tool head (averaged with the classifier's). */
  tools?: TaggerToolVotes;
}

/**
 * What the values stage found in a normalized request, as the planner reads it (delexicalized) and
 * as the tool selector gets it: the one place both are made, for the pipeline and its measurements.
 */
export function taggedRequest(normalized: Normalized, found: TaggedValues): { delexicalized: Delexicalized; tagged: TaggedRequest } {
  const delexicalized = delexicalize(normalized.text, found.spans, normalized.changes);
  return { delexicalized, tagged: { delexicalized: delexicalized.text, ...(found.tools ? { tools: found.tools } : {}) } };
}

/** Picks the tools a request needs (the ToolRAG step). */
export interface ToolSelector {
  /** `query` is the normalized request; `tagged` what the values stage found in it, when one ran. */
  select(query: string, tagged?: TaggedRequest): Promise<ToolSelection>;
}

export interface PlanRequest {
  /** The normalized request. */
  query: string;
  now: LocalDateTime;
  tools: readonly ToolName[];
  signal?: AbortSignal;
}

/** Finds the values of a normalized request: the value tagger, or (to measure it) the gold spans. */
export interface ValueFinder {
  read(text: string): Promise<TaggedValues>;
}

/** Writes plan text for a request, streamed in chunks as it is generated. */
export interface Planner {
  plan(request: PlanRequest): AsyncIterable<string>;
}

export interface NormalizerChange {
  from: string;
  to: string;
  at: number;
}

export interface Normalized {
  text: string;
  /**
   * What the normalizer rewrote: the words as typed (`from`), what replaced them (`to`) and where
   * that starts in `text` (`at`), so dictated text can be given back as typed.
   */
  changes: NormalizerChange[];
}

export interface PipelineStages {
  normalize(query: string, now: LocalDateTime): Normalized;
  /**
   * A planner over placeholders: finds the request's values (the value tagger); the planner (and a
   * classifier trained on placeholders) reads NAME1, TEXT1, ... and the plan gets the values back.
   */
  values?: ValueFinder;
  selector: ToolSelector;
  planner: Planner;
}

export type PipelineEvent =
  | { type: "normalized"; normalized: Normalized }
  | { type: "tools"; selection: ToolSelection }
  | { type: "delexicalized"; delexicalized: Delexicalized }
  | { type: "step"; step: PlanStep }
  | { type: "syntax_error"; problem: PlanParseProblem };

export interface PipelineResult {
  query: string;
  normalized: Normalized;
  selection: ToolSelection;
  /** The request with its values as placeholders, when the planner plans over placeholders. */
  delexicalized?: Delexicalized;
  planText: string;
  validation: PlanValidation;
  /** Milliseconds per stage: normalize, tag (with a values stage), classify, firstToken, plan, validate, total. */
  timingsMs: Record<string, number>;
}

/** Longer requests are refused before any model reads them: no sentence typed to a launcher is this long. */
export const MAX_REQUEST_CHARS = 4000;

/**
 * The request, trimmed, or an AgentError: "empty_request", or "request_too_long" past
 * MAX_REQUEST_CHARS. The pipeline checks it first; a front end can check it before it loads anything.
 */
export function checkedRequest(query: string): string {
  const trimmed = query.trim();
  if (trimmed === "")
    throw new AgentError("The request is empty: type what you want done, e.g. “Text Sid that I'm running late”.", "empty_request");
  if (trimmed.length > MAX_REQUEST_CHARS)
    throw new AgentError(
      `The request is ${trimmed.length.toLocaleString("en-US")} characters long; TinyAgent plans requests of up to ${MAX_REQUEST_CHARS.toLocaleString("en-US")}. Shorten it or split it in two.`,
      "request_too_long",
    );
  return trimmed;
}

/** A plan of nothing: what a request no tool can serve gets. */
export const EMPTY_PLAN_TEXT = "1. join()";

/**
 * normalize → (tag values → placeholders) → select tools → plan (streamed; with placeholders,
 * each line gets the values back) → parse line by line → validate. An empty tool selection
 * short-cuts to `join()` alone without calling the planner. Events arrive as each stage finishes
 * and each task as soon as its line is complete.
 */
export async function runPipeline(
  query: string,
  now: LocalDateTime,
  stages: PipelineStages,
  options: { signal?: AbortSignal; onEvent?: (e: PipelineEvent) => void } = {},
): Promise<PipelineResult> {
  const emit = options.onEvent ?? (() => {});
  const timingsMs: Record<string, number> = {};
  const start = performance.now();
  let mark = start;
  const lap = (stage: string) => {
    const t = performance.now();
    timingsMs[stage] = t - mark;
    mark = t;
  };

  const trimmed = checkedRequest(query);
  const normalized = stages.normalize(trimmed, now);
  lap("normalize");
  emit({ type: "normalized", normalized });

  let delexicalized: Delexicalized | undefined;
  let tagged: TaggedRequest | undefined;
  if (stages.values) {
    ({ delexicalized, tagged } = taggedRequest(normalized, await stages.values.read(normalized.text)));
    lap("tag");
    emit({ type: "delexicalized", delexicalized });
  }

  const selection = await stages.selector.select(normalized.text, tagged);
  lap("classify");
  emit({ type: "tools", selection });

  const tools = selection.selected.map((s) => s.tool);
  const parser = new PlanStreamParser();
  const steps: PlanStep[] = [];
  const problems: PlanProblem[] = [];
  const take = (events: ReturnType<PlanStreamParser["push"]>) => {
    for (const e of events) {
      if (e.type === "step") {
        steps.push(e.step);
        emit({ type: "step", step: e.step });
      } else {
        problems.push(syntaxProblem(e.problem));
        emit({ type: "syntax_error", problem: e.problem });
      }
    }
  };

  let planText = "";
  if (tools.length === 0) {
    planText = EMPTY_PLAN_TEXT;
    take(parser.push(planText));
    timingsMs.firstToken = 0;
  } else {
    let first = true;
    try {
      const chunks = stages.planner.plan({ query: delexicalized?.text ?? normalized.text, now, tools, signal: options.signal });
      for await (const chunk of delexicalized ? relexicalizeLines(chunks, delexicalized.slots) : chunks) {
        if (first) {
          timingsMs.firstToken = performance.now() - mark;
          first = false;
        }
        planText += chunk;
        take(parser.push(chunk));
        if (parser.ended) break;
      }
    } catch (error) {
      // A plan the model could not finish is an invalid plan like any other, not a crash.
      if (!(error instanceof AgentError && error.code === "plan_too_long")) throw error;
      problems.push({ code: "incomplete", message: error.message });
    }
  }
  if (options.signal?.aborted) throw new AgentError("Planning was cancelled.", "cancelled", { cause: options.signal.reason });
  take(parser.finish());
  lap("plan");

  const checked = validatePlan(steps, { offeredTools: tools.length > 0 ? tools : TOOL_NAMES });
  let validation: PlanValidation =
    problems.length === 0 ? checked : { ok: false, problems: [...problems, ...(checked.ok ? [] : checked.problems)] };
  if (validation.ok) {
    // A call written twice runs once: the plan shown, kept and run is the merged one.
    const { plan, changed } = mergeRepeatedCalls(validation.plan);
    if (changed) {
      validation = { ...validation, plan };
      planText = serializePlan(plan.tasks);
    }
  }
  lap("validate");
  timingsMs.total = performance.now() - start;
  return { query, normalized, selection, ...(delexicalized ? { delexicalized } : {}), planText, validation, timingsMs };
}
