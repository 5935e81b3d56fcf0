import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { readStreamAtMost } from "./inputFiles";

/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a question on the terminal and returns the answer; undefined when standard input is closed (no one can answer). */
  ask(question: string): Promise<string | undefined>;
  /** Reads all of standard input as text, or undefined once it is longer than `maxBytes`. */
  readStdin(maxBytes: number): Promise<string | undefined>;
  /** Replaces the previous status line (progress); only on a terminal. "" clears it. */
  status?(text: string): void;
  platform: NodeJS.Platform;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text + "\n"),
  stderr: (text) => process.stderr.write(text + "\n"),
  ask: (question) => askOn(process.stdin, process.stderr, question),
  readStdin: async (maxBytes) => {
    if (process.stdin.isTTY) process.stderr.write("Type the request, then press Return and Ctrl-D:\n");
    const text = await readStreamAtMost(process.stdin, maxBytes);
    if (text === undefined) process.stdin.destroy();
    return text;
  },
  status: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
  platform: process.platform,
};

/**
 * Asks on `output` and reads one line from `input`. At the end of input (closed, /dev/null, a pipe
 * with nothing more, Ctrl-D) the answer is undefined: readline's question() alone never settles
 * then, and the process exited with nothing said.
 */
export async function askOn(input: Readable, output: Writable, question: string): Promise<string | undefined> {
  if (input.readableEnded || input.destroyed) {
    output.write(question + "\n");
    return undefined;
  }
  const rl = createInterface({ input, output });
  try {
    return await new Promise<string | undefined>((resolve) => {
      // The callback form answers as the line is read; a last line with no newline comes as a "line"
      // event just before "close".
      rl.question(question, resolve);
      rl.once("line", resolve);
      rl.once("close", () => resolve(undefined));
    });
  } finally {
    rl.close();
  }
}
