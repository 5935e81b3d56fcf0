import { isHiddenCharacter, showInline } from "../core/util/displayText";

/**
 * A command and its arguments as a shell would need them typed: for previews only. Commands run
 * through execFile with an argument list, never through a shell, so nothing here is ever executed.
 */
export function formatCommandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map(shellQuote).join(" ");
}

function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  // A line break or another hidden character is shown as an escape inside $'…', bash's quoting for
  // such characters, so a value cannot add lines to the preview or hide in it.
  if ([...word].some(isHiddenCharacter)) return `$'${showInline(word.replace(/\\/g, "\\\\").replace(/'/g, "\\'"))}'`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
