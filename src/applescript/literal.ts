import { isHiddenCharacter } from "../core/util/displayText";

/**
 * The one way a value reaches AppleScript: as a text expression that evaluates to exactly that value.
 *
 * Inside quotes only `\` and `"` are escaped. Everything AppleScript or the trip through osascript's
 * argv could read differently is written as `(character id N)` joined with `&` instead:
 * - C0 controls and DEL: NUL cannot travel in argv at all, and line breaks read differently
 *   depending on how a script is compiled;
 * - every other character the display rule hides (src/core/util/displayText.ts: C1 controls,
 *   bidi controls, zero-width and invisible characters): the script shown before it runs then reads
 *   in the order it runs and shows every character it holds;
 * - lone UTF-16 surrogates, which have no UTF-8 form;
 * - “ ” « » ¬: AppleScript's lexer gives curly quotes, chevrons (raw codes) and the continuation
 *   character meaning, and whether it does so inside a literal cannot be checked without a Mac.
 *
 * `(character id N)` must be evaluated by AppleScript itself, not inside a `tell` block (where an
 * app could read `character id 10` as one of its own elements), so scripts bind every value to a
 * variable at the top level before any `tell` (see script.ts).
 */
export function textLiteral(value: string): string {
  const pieces: string[] = [];
  let run = "";
  const flush = () => {
    if (run !== "") pieces.push(`"${run}"`);
    run = "";
  };
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (needsCharacterId(code)) {
      flush();
      pieces.push(`(character id ${code})`);
    } else {
      run += ch === "\\" || ch === '"' ? `\\${ch}` : ch;
    }
  }
  flush();
  if (pieces.length === 0) return '""';
  return pieces.length === 1 ? pieces[0]! : `(${pieces.join(" & ")})`;
}

const SPECIAL = new Set([0x7f, 0x201c, 0x201d, 0xab, 0xbb, 0xac, 0x2028, 0x2029]);

function needsCharacterId(code: number): boolean {
  return code < 0x20 || SPECIAL.has(code) || (code >= 0xd800 && code <= 0xdfff) || isHiddenCharacter(String.fromCodePoint(code));
}

/** An AppleScript list of text, e.g. `{"a", "b"}`. */
export function textListLiteral(values: readonly string[]): string {
  return `{${values.map(textLiteral).join(", ")}}`;
}

/** A whole number, refused if it is not one (so no other text can ever take its place). */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
  return String(value);
}
