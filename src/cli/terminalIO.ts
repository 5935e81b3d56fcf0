import { showBlock } from "../core/util/displayText";
import type { CliIO } from "./io";

/**
 * The command line's output as the terminal gets it: every text passes the display rule
 * (showBlock), so no value, echoed mistake or file content can send the terminal ESC, BEL, CR or a
 * bidi override. Line feeds and tabs are TinyAgent's own layout and stay; one-line texts escape
 * their line breaks where they are built (showInline). JSON output stays valid: its hidden
 * characters become the same \uXXXX escapes JSON itself uses.
 */
export function terminalIO(io: CliIO): CliIO {
  return {
    ...io,
    stdout: (text) => io.stdout(showBlock(text)),
    stderr: (text) => io.stderr(showBlock(text)),
    ask: (question) => io.ask(showBlock(question)),
    ...(io.status ? { status: (text: string) => io.status!(showBlock(text)) } : {}),
  };
}
