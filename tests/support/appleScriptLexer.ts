/**
 * Test-only: a strict model of how AppleScript reads text literals, written independently of the
 * encoder under test. It reads `"..."` literals (escapes \\ \" \n \r \t; any other escape is an
 * error) and `(character id N)`, and joins `(a & b & ...)` groups of them into one value. It refuses
 * what AppleScript might read differently, so the encoder may never produce it: raw control
 * characters, curly quotes, chevrons, ¬ or lone surrogates inside a literal, and curly quotes or
 * chevrons outside one.
 */

const PLACEHOLDER = "\ue000";
const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", r: "\r", t: "\t" };
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNSAFE_IN_LITERAL = /[\u0000-\u001f\u007f“”«»¬\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CHARACTER_ID = /^\(character id (\d+)\)/;

export interface LexedScript {
  /** The script with every text value (literal or group of them) replaced by ⟨⟩. */
  skeleton: string;
  /** The values, in order. */
  values: string[];
}

export function lexScript(script: string): LexedScript {
  let skeleton = "";
  const values: string[] = [];
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '"') {
      const { value, end } = readQuoted(script, i);
      skeleton += PLACEHOLDER;
      values.push(value);
      i = end;
      continue;
    }
    const charId = CHARACTER_ID.exec(script.slice(i, i + 40));
    if (charId) {
      skeleton += PLACEHOLDER;
      values.push(String.fromCodePoint(Number(charId[1])));
      i += charId[0].length;
      continue;
    }
    if ("“”«»".includes(ch)) throw new Error(`unexpected ${ch} outside a literal at ${i}`);
    skeleton += ch;
    i += 1;
  }
  return joinGroups(skeleton, values);
}

function readQuoted(script: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '"') return { value, end: i + 1 };
    if (ch === "\\") {
      const next = script[i + 1];
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped === undefined) throw new Error(`unknown escape \\${next ?? "(end)"} at ${i}`);
      value += escaped;
      i += 2;
      continue;
    }
    // Whole code points, so a surrogate pair is read as one character.
    const cp = String.fromCodePoint(script.codePointAt(i)!);
    if (UNSAFE_IN_LITERAL.test(cp)) throw new Error(`unsafe raw character U+${cp.codePointAt(0)!.toString(16)} inside a literal at ${i}`);
    value += cp;
    i += cp.length;
  }
  throw new Error(`unterminated literal starting at ${start}`);
}

/** `(⟨⟩ & ⟨⟩ & ⟨⟩)` is one value made of several pieces. */
function joinGroups(skeleton: string, values: string[]): LexedScript {
  const group = new RegExp(`\\(${PLACEHOLDER}(?: & ${PLACEHOLDER})+\\)`, "g");
  let out = "";
  const joined: string[] = [];
  let last = 0;
  let consumed = 0;
  for (const m of skeleton.matchAll(group)) {
    const before = skeleton.slice(last, m.index);
    const singles = [...before].filter((c) => c === PLACEHOLDER).length;
    joined.push(...values.slice(consumed, consumed + singles));
    consumed += singles;
    const pieces = [...m[0]].filter((c) => c === PLACEHOLDER).length;
    joined.push(values.slice(consumed, consumed + pieces).join(""));
    consumed += pieces;
    out += before + PLACEHOLDER;
    last = m.index + m[0].length;
  }
  out += skeleton.slice(last);
  joined.push(...values.slice(consumed));
  return { skeleton: out.replaceAll(PLACEHOLDER, "⟨⟩"), values: joined };
}

/** The value of one text expression; throws unless the expression is exactly one value. */
export function decodeTextExpression(expression: string): string {
  const { skeleton, values } = lexScript(expression);
  if (skeleton !== "⟨⟩" || values.length !== 1) throw new Error(`not a single text value: ${skeleton}`);
  return values[0]!;
}
