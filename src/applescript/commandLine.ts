/**
 * A command and its arguments as a shell would need them typed: for previews only. Commands run
 * through execFile with an argument list, never through a shell, so nothing here is ever executed.
 */
export function formatCommandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map(shellQuote).join(" ");
}

function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
