import { z } from "zod";
import { capText } from "../../core/util/capText";

/** A Python literal as plans use it: str, int/float, bool, None, and lists (tuples read as lists). */
export type PyValue = string | number | boolean | null | PyValue[];
export const PyValueSchema: z.ZodType<PyValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(PyValueSchema)]),
);

/**
 * Lists nested deeper than this are refused: a tool takes at most a list of strings, and reading
 * (and later printing, substituting, validating) a value is recursive, so a line of 4,000 '[' would
 * otherwise overflow the stack.
 */
export const MAX_NESTING = 32;

/** "syntax": the text is not a Python literal; "nesting": lists nested deeper than MAX_NESTING. */
export type PlanSyntaxCode = "syntax" | "nesting";

/** Where and why a piece of plan text is not valid. `column` is 1-based within the line. */
export class PlanSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
    readonly code: PlanSyntaxCode = "syntax",
  ) {
    super(message);
    this.name = "PlanSyntaxError";
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/**
 * A recursive-descent reader of Python literal syntax over one line of text. It throws
 * PlanSyntaxError internally; callers at the module boundary turn that into values.
 */
export class LiteralReader {
  pos: number;
  /** How many lists are open where the reader is. */
  private depth = 0;

  constructor(
    readonly src: string,
    start = 0,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos, code: PlanSyntaxCode = "syntax"): never {
    throw new PlanSyntaxError(message, at + 1, code);
  }

  skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  peek(): string | undefined {
    return this.src[this.pos];
  }

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  describeHere(): string {
    if (this.atEnd()) return "the end of the line";
    return `'${this.src.slice(this.pos, this.pos + 12)}'`;
  }

  expect(ch: string, context: string): void {
    this.skipSpace();
    if (this.peek() !== ch) this.fail(`expected '${ch}' ${context}, found ${this.describeHere()}`);
    this.pos++;
  }

  readIdentifier(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  readValue(): PyValue {
    this.skipSpace();
    const ch = this.peek();
    if (ch === undefined) this.fail("expected a value, found the end of the line");
    if (ch === "[") return this.readSequence("[", "]", "list");
    if (ch === "(") return this.readSequence("(", ")", "tuple");
    if (ch === "{") this.fail("dicts and sets are not valid arguments: use a string or a list");
    if (ch === '"' || ch === "'" || (/[rRuUbB]/.test(ch) && /['"]/.test(this.src[this.pos + 1] ?? ""))) return this.readStrings();
    if (/[-+.\d]/.test(ch)) return this.readNumber();
    const start = this.pos;
    const name = this.readIdentifier();
    if (name === "None") return null;
    if (name === "True") return true;
    if (name === "False") return false;
    if (name !== undefined) {
      this.skipSpace();
      if (this.peek() === "=" && this.src[this.pos + 1] !== "=") {
        this.fail(`named argument '${capText(name)}=': pass arguments by position, in the tool's order`, start);
      }
      this.fail(`'${capText(name)}' is not a value: strings must be quoted (None, True and False are the only names allowed)`, start);
    }
    this.fail(`expected a value, found ${this.describeHere()}`);
  }

  private readSequence(open: string, close: string, kind: string): PyValue[] {
    const start = this.pos;
    if (this.depth >= MAX_NESTING) {
      this.fail(`lists are nested more than ${MAX_NESTING} deep here: a tool takes at most a list of strings`, start, "nesting");
    }
    this.depth++;
    this.pos++; // open
    const items: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) {
        this.pos++;
        this.depth--;
        return items;
      }
      if (this.atEnd()) this.fail(`unclosed ${kind}: '${open}' has no matching '${close}'`, start);
      items.push(this.readValue());
      this.skipSpace();
      if (this.peek() === ",") {
        this.pos++;
        continue;
      }
      if (this.peek() === close) continue;
      if (this.atEnd()) this.fail(`unclosed ${kind}: '${open}' has no matching '${close}'`, start);
      this.fail(`expected ',' or '${close}' in ${kind}, found ${this.describeHere()}`);
    }
  }

  /** One string literal, or several adjacent ones ("a" "b" is "ab", as in Python). */
  private readStrings(): string {
    let out = this.readString();
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      const ch = this.peek();
      if (ch === '"' || ch === "'" || (ch !== undefined && /[rRuU]/.test(ch) && /['"]/.test(this.src[this.pos + 1] ?? ""))) {
        out += this.readString();
      } else {
        this.pos = save;
        return out;
      }
    }
  }

  private readString(): string {
    const start = this.pos;
    let raw = false;
    let ch = this.peek()!;
    if (/[bB]/.test(ch)) this.fail("bytes literals are not valid arguments: use a plain string");
    if (/[rRuU]/.test(ch)) {
      raw = /[rR]/.test(ch);
      this.pos++;
      ch = this.peek()!;
    }
    const quote = ch;
    this.pos++;
    let out = "";
    for (;;) {
      if (this.atEnd()) this.fail(`unterminated string: the ${quote === '"' ? "double" : "single"} quote here is never closed`, start);
      const c = this.src[this.pos]!;
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        if (raw) {
          out += c + (this.src[this.pos + 1] ?? "");
          this.pos += 2;
          continue;
        }
        out += this.readEscape();
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  private readEscape(): string {
    const at = this.pos;
    const e = this.src[this.pos + 1];
    if (e === undefined) this.fail("a backslash ends the line inside a string", at);
    this.pos += 2;
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]!;
    if (e === "\n") return "";
    if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(this.peek() ?? "")) digits += this.src[this.pos++];
      return String.fromCodePoint(parseInt(digits, 8));
    }
    const hexLength = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.src.slice(this.pos, this.pos + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) this.fail(`'\\${e}' needs ${hexLength} hex digits`, at);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.fail(`'\\${e}${hex}' is not a Unicode code point`, at);
      this.pos += hexLength;
      return String.fromCodePoint(code);
    }
    if (e === "N") this.fail("named Unicode escapes (\\N{...}) are not supported: write the character itself", at);
    // Python keeps unknown escapes as written.
    return "\\" + e;
  }

  private readNumber(): number {
    const m = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?)/.exec(
      this.src.slice(this.pos),
    );
    if (!m || !/\d/.test(m[0])) this.fail(`expected a number, found ${this.describeHere()}`);
    const text = m[0].replace(/_/g, "");
    this.pos += m[0].length;
    const sign = text.startsWith("-") ? -1 : 1;
    const body = text.replace(/^[-+]/, "");
    const value = /^0[xXoObB]/.test(body)
      ? sign * parseInt(body.slice(2), { x: 16, o: 8, b: 2 }[body[1]!.toLowerCase() as "x" | "o" | "b"])
      : Number(text);
    if (!Number.isFinite(value)) this.fail(`'${capText(m[0])}' is not a finite number`, this.pos - m[0].length);
    return value;
  }
}

/** Parses a whole string as one Python literal. */
export function parsePythonLiteral(text: string): { ok: true; value: PyValue } | { ok: false; error: PlanSyntaxError } {
  try {
    const reader: LiteralReader = new LiteralReader(text);
    const value = reader.readValue();
    reader.skipSpace();
    if (!reader.atEnd()) reader.fail(`unexpected ${reader.describeHere()} after the value`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof PlanSyntaxError) return { ok: false, error };
    throw error;
  }
}

/** Python source for a value: strings double-quoted with escapes, so the reader gives back the same value. */
export function formatPythonLiteral(value: PyValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`${value} has no Python literal`);
    return Object.is(value, -0) ? "-0.0" : String(value);
  }
  if (typeof value === "string") return formatPythonString(value);
  return `[${value.map(formatPythonLiteral).join(", ")}]`;
}

function formatPythonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += `\\u${code.toString(16).padStart(4, "0")}`; // lone surrogate
    else if (code === 0x2028 || code === 0x2029 || code === 0x85)
      out += `\\u${code.toString(16).padStart(4, "0")}`; // line breaks to some splitters
    else out += ch;
  }
  return out + '"';
}
