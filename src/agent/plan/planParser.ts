import { z } from "zod";
import { capText } from "../../core/util/capText";
import { LiteralReader, PlanSyntaxError, PyValueSchema, type PyValue } from "./pythonLiteral";

/** The stop string the TinyAgent models say after join(). */
export const END_OF_PLAN = "<END_OF_PLAN>";
/** The final action of every plan. */
export const JOIN = "join";

/**
 * One numbered action as written, before it is checked against the catalog. The same task, once
 * validated, is a PlanTask (plan.ts): these fields and its dependencies, nothing converted.
 */
export const PlanStepSchema = z.object({
  id: z.number().int(),
  tool: z.string(),
  args: z.array(PyValueSchema),
  /** The `Thought:` line(s) written just before this action. */
  thought: z.string().optional(),
  /** 1-based line number in the plan text (absent for a task not read from text). */
  line: z.number().int().optional(),
});
export type PlanStep = z.infer<typeof PlanStepSchema>;

export interface PlanParseProblem {
  line: number;
  column: number;
  message: string;
  /** The offending line, for showing it. */
  text: string;
}

export type PlanParseEvent = { type: "step"; step: PlanStep } | { type: "error"; problem: PlanParseProblem };

const STEP_LINE = /^\s*(\d+)\s*\.\s*/;
const THOUGHT_LINE = /^\s*Thought\s*:\s?(.*)$/s;

/**
 * Reads plan text as it streams in. Each action is emitted as soon as its line is complete, with
 * the `Thought:` lines before it attached. Reading stops at `<END_OF_PLAN>`; text after it is ignored.
 */
export class PlanStreamParser {
  private buffer = "";
  private lineNumber = 0;
  private pendingThought: string[] = [];
  private stopped = false;

  /** True once `<END_OF_PLAN>` was read: nothing after it counts. */
  get ended(): boolean {
    return this.stopped;
  }

  push(chunk: string): PlanParseEvent[] {
    if (this.stopped) return [];
    this.buffer += chunk;
    const events: PlanParseEvent[] = [];
    const stopAt = this.buffer.indexOf(END_OF_PLAN);
    const usable = stopAt >= 0 ? this.buffer.slice(0, stopAt) : this.buffer;
    let newline: number;
    let consumed = 0;
    while ((newline = usable.indexOf("\n", consumed)) >= 0) {
      this.readLine(usable.slice(consumed, newline), events);
      consumed = newline + 1;
    }
    if (stopAt >= 0) {
      this.readLine(usable.slice(consumed), events);
      this.stopped = true;
      this.buffer = "";
    } else {
      this.buffer = usable.slice(consumed);
    }
    return events;
  }

  /** Reads what is left when the stream ends without a final newline. */
  finish(): PlanParseEvent[] {
    if (this.stopped) return [];
    const events: PlanParseEvent[] = [];
    this.readLine(this.buffer, events);
    this.buffer = "";
    this.stopped = true;
    return events;
  }

  private readLine(raw: string, events: PlanParseEvent[]): void {
    this.lineNumber++;
    const text = raw.replace(/\r$/, "");
    if (text.trim() === "") return;
    const thought = THOUGHT_LINE.exec(text);
    if (thought) {
      this.pendingThought.push(thought[1]!.trim());
      return;
    }
    const result = parseStepLine(text, this.lineNumber);
    if (result.ok) {
      const step: PlanStep = { ...result.step };
      if (this.pendingThought.length > 0) step.thought = this.pendingThought.join("\n");
      this.pendingThought = [];
      events.push({ type: "step", step });
    } else {
      events.push({ type: "error", problem: { line: this.lineNumber, column: result.error.column, message: result.error.message, text } });
    }
  }
}

/** Parses one `N. tool(arg, ...)` line. */
export function parseStepLine(text: string, line: number): { ok: true; step: PlanStep } | { ok: false; error: PlanSyntaxError } {
  try {
    const head = STEP_LINE.exec(text);
    if (!head) {
      const column = text.search(/\S/) + 1;
      throw new PlanSyntaxError("expected a numbered action like '1. get_phone_number(\"Sid\")' or a 'Thought:' line", column);
    }
    const reader: LiteralReader = new LiteralReader(text, head[0].length);
    const nameStart = reader.pos;
    const tool = reader.readIdentifier();
    if (tool === undefined) reader.fail(`expected a tool name after '${capText(head[1]!)}.', found ${reader.describeHere()}`, nameStart);
    const name = capText(tool);
    reader.expect("(", `after the tool name '${name}'`);
    const args: PyValue[] = [];
    reader.skipSpace();
    if (reader.peek() === ")") {
      reader.pos++;
    } else {
      for (;;) {
        args.push(reader.readValue());
        reader.skipSpace();
        const ch = reader.peek();
        if (ch === ",") {
          reader.pos++;
          reader.skipSpace();
          if (reader.peek() === ")") {
            reader.pos++;
            break;
          }
          continue;
        }
        if (ch === ")") {
          reader.pos++;
          break;
        }
        if (ch === undefined) reader.fail(`the call to ${name} is not closed: expected ')'`);
        reader.fail(`expected ',' or ')' between the arguments of ${name}, found ${reader.describeHere()}`);
      }
    }
    reader.skipSpace();
    if (!reader.atEnd()) {
      const rest = text.slice(reader.pos);
      if (rest.startsWith("#")) reader.fail("comments are not allowed in plans");
      reader.fail(`unexpected ${reader.describeHere()} after the call to ${name}`);
    }
    return { ok: true, step: { id: Number(head[1]), tool, args, line } };
  } catch (error) {
    if (error instanceof PlanSyntaxError) return { ok: false, error };
    throw error;
  }
}

/** Parses a whole plan text at once (the same reader as streaming). */
export function parsePlanText(text: string): { steps: PlanStep[]; problems: PlanParseProblem[] } {
  const parser = new PlanStreamParser();
  const events = [...parser.push(text), ...parser.finish()];
  const steps: PlanStep[] = [];
  const problems: PlanParseProblem[] = [];
  for (const e of events) {
    if (e.type === "step") steps.push(e.step);
    else problems.push(e.problem);
  }
  return { steps, problems };
}
