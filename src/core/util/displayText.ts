/**
 * The one rule for showing text to a person — the plan preview's narration lines, the Raycast
 * views (plain text and markdown) and the terminal: a character that could change how the text
 * around it reads is shown as an escape, never as itself.
 *
 * Shown escaped (the "hidden" characters):
 * - control characters, C0, DEL and C1: ESC and BEL drive terminals (`\u001b[2J` clears one), CR
 *   rewrites a line, LF, VT, FF and NEL start new ones — in a one-line text, all of them;
 * - the line and paragraph separators U+2028 and U+2029;
 * - format characters (Unicode category Cf): the bidirectional controls (U+202A–U+202E,
 *   U+2066–U+2069, U+200E, U+200F, U+061C) make text read in another order than it runs, and the
 *   zero-width and invisible ones (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD, the tag characters
 *   U+E0000–U+E007F...) make two different names look the same;
 * - characters that render as nothing: the Hangul fillers, U+034F, U+17B4/U+17B5, U+2800, U+3164;
 * - lone surrogates, which have no character to show.
 * A zero-width joiner inside an emoji sequence (👩‍💻) and a joiner or non-joiner between letters of
 * scripts that need them (Persian, the Indic scripts) are not hidden text, and stay.
 *
 * The escapes are JavaScript's and JSON's: `\n`, `\r`, `\t`, else `\uXXXX` for each UTF-16 unit, so a
 * JSON document stays valid and means the same with its hidden characters escaped. A backslash
 * itself stays as it is: the escapes are for reading, not for parsing back.
 */

const HIDDEN_CATEGORIES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** Characters of other categories that render as nothing (a combining one among them, so not in a class). */
const BLANK = new Set([0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x2800, 0x3164, 0xffa0]);
const EMOJI = /\p{Extended_Pictographic}/u;
/** Joiners are spelling in these scripts' words; elsewhere they only hide differences. */
const JOINING_LETTER = /[\p{L}\p{M}]/u;
const CONFUSABLE_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}]/u;
/** What may sit between an emoji and a joiner: variation selector 16 and the skin tones. */
const isEmojiTail = (char: string) => {
  const code = char.codePointAt(0)!;
  return code === 0xfe0f || (code >= 0x1f3fb && code <= 0x1f3ff);
};

/** Whether a character is one the rule shows escaped (see the module comment). */
export function isHiddenCharacter(char: string): boolean {
  return HIDDEN_CATEGORIES.test(char) || BLANK.has(char.codePointAt(0) ?? -1);
}

/** A text on one line: every hidden character escaped, line breaks and tabs included. */
export function showInline(text: string): string {
  return escapeHidden(text, false);
}

/**
 * A text that has lines of its own (a script, a result, a message body): as showInline, but line
 * feeds and tabs stay. A carriage return is escaped: it would rewrite a line on a terminal and is a
 * line break to markdown.
 */
export function showBlock(text: string): string {
  return escapeHidden(text, true);
}

function escapeHidden(text: string, keepLines: boolean): string {
  let out = "";
  let changed = false;
  let offset = 0;
  for (const char of text) {
    let shown = char;
    if (isHiddenCharacter(char) && !(keepLines && (char === "\n" || char === "\t"))) {
      if (!((char === "\u200d" || char === "\u200c") && joinsLegitimately(text, offset, char))) {
        shown = escapeChar(char);
        changed = true;
      }
    }
    out += shown;
    offset += char.length;
  }
  return changed ? out : text;
}

function escapeChar(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  let out = "";
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

function joinsLegitimately(text: string, offset: number, joiner: string): boolean {
  const before = [...text.slice(Math.max(0, offset - 8), offset)];
  const after = [...text.slice(offset + 1, offset + 3)][0];
  if (after === undefined) return false;
  let i = before.length - 1;
  if (joiner === "\u200d") {
    while (i >= 0 && isEmojiTail(before[i]!)) i--;
    if (i >= 0 && EMOJI.test(before[i]!) && EMOJI.test(after)) return true;
  }
  const prev = before.at(-1);
  return (
    prev !== undefined &&
    JOINING_LETTER.test(prev) &&
    JOINING_LETTER.test(after) &&
    !CONFUSABLE_SCRIPT.test(prev) &&
    !CONFUSABLE_SCRIPT.test(after)
  );
}

/**
 * Plain text inside markdown (a heading, a paragraph, a list item): one line (showInline), with
 * every ASCII punctuation character backslash-escaped, so no value can start a list, a heading, a
 * link, an image, emphasis, a code span or HTML. It reads exactly like the plain text.
 */
export function markdownText(text: string): string {
  return showInline(text).replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

/**
 * A value in a markdown code span: one line (showInline), between backtick fences longer than any
 * run of backticks inside it, so it cannot close the span early.
 */
export function markdownCode(value: string): string {
  const content = showInline(value);
  if (content === "") return "` `";
  const fence = "`".repeat(longestRun(content, "`") + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A fenced code block holding `text` with its own lines (showBlock): the fence is longer than any
 * run of backticks in the text, so no line of it can close the block.
 */
export function markdownFence(text: string, language = ""): string {
  const body = showBlock(text);
  const fence = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return `${fence}${language.replace(/[^\w+-]/g, "")}\n${body}\n${fence}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
