import { z } from "zod";
import { formatPythonLiteral } from "../plan/pythonLiteral";
import { END_OF_PLAN } from "../plan/planParser";
import { isWholeReference } from "../plan/references";
import { TOOL_NAMES, type ToolName } from "../../core/tools/names";
import { TOOLS } from "../../tools/catalog";
import type { ParamDefinition, ParamRole } from "../../core/tools/params";
import { BEFORE_RESULT, MAX_MEETING_NAMES, MEETING_WITH, NAMES_JOINED_BY, SUMMARY_OF } from "../values/placeholderPlan";

/**
 * A GBNF grammar for plans, generated from the offered tools' zod schemas. Anything it lets a
 * model write is a plan the parser reads and the validator accepts: only offered tools, exact
 * arity, each argument of its type, ids 1, 2, 3... in order, references only to earlier tasks,
 * a final join(). Built per request, so it can also restrict names to what the user said.
 */
export interface PlanGrammarOptions {
  tools: readonly ToolName[];
  /** Most actions before join (default 10). */
  maxTasks?: number;
  /** Most characters in a free-text string (default 300). */
  maxStringLength?: number;
  /** Most items in a list (default 8). */
  maxListItems?: number;
  /** Allow `Thought:` lines before actions (TinyAgent models write them). */
  thoughts?: boolean;
  /** Allow `<END_OF_PLAN>` after join(). */
  endOfPlan?: boolean;
  /**
   * The normalized request: contact, file and note names must then be spans of it (or a
   * reference). Free text (messages, titles) stays free.
   */
  copyFrom?: string;
  /**
   * The placeholders of a delexicalized request (the embedded planner): a string is then one of
   * these placeholders, a reference, "" or a composed form of the conventions ("Meeting with NAME1
   * and NAME2", "Summary of FILE1", "TEXT1 ${2}"), and a date only a TIME placeholder — no name,
   * file or message can be invented. A tool whose required argument nothing in the request can
   * fill (an event without a time, a lookup without a name) is not offered.
   */
  placeholders?: readonly string[];
}

export const COPIED_ROLES: ReadonlySet<ParamRole> = new Set(["contact", "file", "note"]);

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
};

/** Quotes text as a GBNF string literal. */
export function gbnfLiteral(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** A GBNF expression matching exactly the decimal integers from min to max (min >= 0). */
export function integerRange(min: number, max: number): string {
  const alternatives: string[] = [];
  for (let length = String(min).length; length <= String(max).length; length++) {
    const lo = Math.max(min, length === 1 ? 0 : 10 ** (length - 1));
    const hi = Math.min(max, 10 ** length - 1);
    if (lo <= hi) alternatives.push(...sameLengthRange(String(lo), String(hi)));
  }
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" | ")})`;
}

function sameLengthRange(a: string, b: string): string[] {
  if (a.length === 0) return [""];
  const digit = (x: string, y: string) => (x === y ? `"${x}"` : `[${x}-${y}]`);
  if (a[0] === b[0]) return sameLengthRange(a.slice(1), b.slice(1)).map((rest) => join(`"${a[0]}"`, rest));
  const restA = a.slice(1);
  const restB = b.slice(1);
  const any = "[0-9]".repeat(restA.length).replace(/\]\[/g, "] [");
  if (/^0*$/.test(restA) && /^9*$/.test(restB)) return [join(digit(a[0]!, b[0]!), any)];
  const out: string[] = [];
  out.push(...sameLengthRange(restA, "9".repeat(restA.length)).map((rest) => join(`"${a[0]}"`, rest)));
  const lowMid = String(Number(a[0]) + 1);
  const highMid = String(Number(b[0]) - 1);
  if (Number(lowMid) <= Number(highMid)) out.push(join(digit(lowMid, highMid), any));
  out.push(...sameLengthRange("0".repeat(restB.length), restB).map((rest) => join(`"${b[0]}"`, rest)));
  return out;
}

const join = (a: string, b: string) => (b === "" ? a : `${a} ${b}`);

/**
 * Words and word runs of the request that can be a name, in the forms a plan uses: as typed,
 * without surrounding punctuation or a possessive, and capitalized ("mom" → "Mom").
 */
export function requestSpans(text: string, maxWords = 6, maxLength = 80): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const spans = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= maxWords && i + n <= words.length; n++) {
      const raw = words.slice(i, i + n).join(" ");
      if (raw.length > maxLength) break;
      const stripped = raw.replace(/^["'“‘([]+/, "").replace(/[.,!?;:"'”’)\]]+$/, "");
      const unpossessive = stripped.replace(/['’]s$/, "");
      // Not `raw` itself: "Patel," or "(Sid" are never what a plan should name.
      for (const v of [stripped, unpossessive]) {
        // "$30" alone would read as a reference to task 30.
        if (v.trim() === "" || isWholeReference(v)) continue;
        spans.add(v);
        spans.add(v[0]!.toUpperCase() + v.slice(1));
      }
    }
  }
  return [...spans];
}

export function buildPlanGrammar(options: PlanGrammarOptions): string {
  const maxTasks = options.maxTasks ?? 10;
  const maxString = options.maxStringLength ?? 300;
  const maxItems = options.maxListItems ?? 8;
  const offered = TOOL_NAMES.filter((t) => options.tools.includes(t));
  const rules: string[] = [];
  const rule = (name: string, body: string) => rules.push(`${name} ::= ${body}`);
  const spans = options.copyFrom !== undefined ? requestSpans(options.copyFrom) : [];

  rule("root", "step-1");
  if (options.thoughts) rule("thought", `"Thought: " [^\\n\\r\\x00-\\x1f]{1,${maxString}} "\\n"`);

  // Shared pieces.
  rule("esc", `"\\\\" ["\\\\nrt]`);
  // No control characters in text: they are never what a user meant.
  rule("ch", `[^"\\\\$\\x00-\\x1f\\x7f] | esc`);
  rule("ch-first", `[^"\\\\$ \\x00-\\x1f\\x7f] | esc`);
  // "$" followed by something that is not a digit or "{", or "$" + digits (money) — never a reference.
  rule("dollar", `"$" [^"\\\\\${0-9\\x00-\\x1f\\x7f]`);
  rule("money", `"$" [0-9]+`);
  rule("dt", `"\\"" date " " hour ":" minsec ":" minsec "\\""`);
  rule("date-only", `"\\"" date "\\""`);
  rule("date", `"20" [0-9] [0-9] "-" (month31 "-" day31 | month30 "-" day30 | "02-" day28) | leap-year "-02-29"`);
  rule("leap-year", `"20" ("0" [48] | [2468] [048] | [13579] [26])`);
  rule("month31", `"01" | "03" | "05" | "07" | "08" | "10" | "12"`);
  rule("month30", `"04" | "06" | "09" | "11"`);
  rule("day28", `"0" [1-9] | "1" [0-9] | "2" [0-8]`);
  rule("day30", `day28 | "29" | "30"`);
  rule("day31", `day30 | "31"`);
  rule("hour", `[01] [0-9] | "2" [0-3]`);
  rule("minsec", `[0-5] [0-9]`);
  rule("empty", `"\\"\\""`);
  if (spans.length > 0) rule("span", spans.map((s) => gbnfLiteral(formatPythonLiteral(s))).join(" | "));
  const times = (options.placeholders ?? []).filter((p) => p.startsWith("TIME"));
  const values = (options.placeholders ?? []).filter((p) => !p.startsWith("TIME"));
  const names = values.filter((p) => p.startsWith("NAME"));
  const files = values.filter((p) => p.startsWith("FILE"));
  const oneOf = (list: readonly string[]) => `(${list.map(gbnfLiteral).join(" | ")})`;
  if (times.length > 0) rule("time-ph", `"\\"" ${oneOf(times)} "\\""`);
  if (values.length > 0) rule("value-ph", `"\\"" ${oneOf(values)} "\\""`);
  const composed: string[] = [];
  if (names.length > 0) {
    rule(
      "meeting-with",
      `"\\"" ${gbnfLiteral(MEETING_WITH)} ${oneOf(names)} (${gbnfLiteral(NAMES_JOINED_BY)} ${oneOf(names)}){0,${MAX_MEETING_NAMES - 1}} "\\""`,
    );
    composed.push("meeting-with");
  }
  if (files.length > 0) {
    rule("summary-of", `"\\"" ${gbnfLiteral(SUMMARY_OF)} ${oneOf(files)} "\\""`);
    composed.push("summary-of");
  }

  // Per step: references may only name earlier tasks.
  for (let k = 1; k <= maxTasks; k++) {
    const ids = Array.from({ length: k - 1 }, (_, i) => `"${i + 1}"`);
    if (ids.length > 0) {
      rule(`id-${k}`, ids.join(" | "));
      rule(`ref-${k}`, `"\\"$" id-${k} "\\""`);
      rule(`eref-${k}`, `"\${" id-${k} "}"`);
    }
    const eref = ids.length > 0 ? ` | eref-${k}` : "";
    // Free text: no whole-string "$5" (it would read as a reference), no "${N}" to a later task.
    if (options.placeholders === undefined)
      rule(`text-${k}`, `"\\"" (" "{0,3} (ch-first | dollar${eref}) (ch | dollar | money${eref}){0,${maxString}})? "\\""`);
    if (ids.length > 0 && values.length > 0)
      rule(`then-result-${k}`, `"\\"" ${oneOf(values)} ${gbnfLiteral(BEFORE_RESULT)} eref-${k} "\\""`);
  }

  const valueRule = (param: ParamDefinition, k: number): string => {
    const schema = z.toJSONSchema(param.schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const ref = k > 1 ? [`ref-${k}`] : [];
    const stringForms = (inList: boolean): string[] => {
      if (options.placeholders !== undefined) {
        const empty = param.schema.safeParse("").success ? ["empty"] : [];
        // No reference: no tool returns a date (the validator refuses one too).
        if (param.role === "datetime") return [...(times.length > 0 ? ["time-ph"] : []), ...empty];
        const value = values.length > 0 ? ["value-ph"] : [];
        // A name, a file or a note — or an address, an attachment — is one of the request's values (or
        // a result), never made up or empty.
        if (inList || COPIED_ROLES.has(param.role)) return [...value, ...ref];
        const thenResult = k > 1 && values.length > 0 ? [`then-result-${k}`] : [];
        return [...empty, ...value, ...ref, ...composed, ...thenResult];
      }
      if (param.role === "datetime") {
        const forms = ["dt"];
        if (param.schema.safeParse("2026-01-01").success) forms.push("date-only");
        if (param.schema.safeParse("").success) forms.push("empty");
        return forms;
      }
      if (COPIED_ROLES.has(param.role) && spans.length > 0) return ["span", ...ref];
      return [`text-${k}`, ...ref];
    };
    const fromSchema = (s: JsonSchema, inList = false): string[] => {
      if (s.anyOf) {
        // The conventions write a list where a tool takes one (recipients, attachments), never one bare
        // string, and "" for nothing, never None.
        let forms = s.anyOf;
        if (options.placeholders !== undefined) {
          const lists = forms.filter((x) => x.type === "array");
          forms = lists.length > 0 ? lists : forms.filter((x) => x.type !== "null");
        }
        return forms.flatMap((x) => fromSchema(x, inList));
      }
      if (Array.isArray(s.type)) return fromSchema({ anyOf: s.type.map((type) => ({ ...s, type })) }, inList);
      if (s.enum) return s.enum.map((v) => gbnfLiteral(formatPythonLiteral(v as string)));
      switch (s.type) {
        case "string":
          return stringForms(inList);
        case "null":
          return [`"None"`];
        case "boolean":
          return [`"True" | "False"`];
        case "integer":
          return [integerRange(s.minimum ?? 0, s.maximum ?? 999999)];
        case "array": {
          const item = fromSchema(s.items ?? { type: "string" }, true).join(" | ");
          if (item === "") return [`"[]"`];
          return [`"[" ((${item}) (", " (${item})){0,${maxItems - 1}})? "]"`];
        }
        default:
          throw new Error(`${param.name}: no grammar for JSON schema type ${JSON.stringify(s.type)}`);
      }
    };
    return [...new Set(fromSchema(schema))].join(" | ");
  };

  const end = options.endOfPlan ? ` (${gbnfLiteral(END_OF_PLAN)})?` : "";
  const thought = options.thoughts ? "thought? " : "";
  const joinLine = `"join()"${end}`;
  for (let k = 1; k <= maxTasks + 1; k++) {
    // A tool is callable at step k when every argument has a form (an empty choice means none).
    const calls = (k > maxTasks ? [] : offered).flatMap((name) => {
      const args = TOOLS[name].params.map((p: ParamDefinition) => valueRule(p, k));
      if (args.some((a) => a === "")) return [];
      rule(`${ruleName(name)}-${k}`, `"${name}(" ${args.map((a) => `(${a})`).join(` ", " `)} ")"`);
      return [`${ruleName(name)}-${k}`];
    });
    if (calls.length === 0) rule(`step-${k}`, `${thought}"${k}. " ${joinLine}`);
    else rule(`step-${k}`, `${thought}"${k}. " (${joinLine} | (${calls.join(" | ")}) "\\n" step-${k + 1})`);
  }
  return rules.join("\n") + "\n";
}

/** GBNF rule names allow letters, digits and dashes only. */
const ruleName = (tool: string) => tool.replace(/_/g, "-");
