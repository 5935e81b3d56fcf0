import { createInterface } from "node:readline/promises";
import { readStreamAtMost } from "./inputFiles";

/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a question on the terminal and returns the answer. */
  ask(question: string): Promise<string>;
  /** Reads all of standard input as text, or undefined once it is longer than `maxBytes`. */
  readStdin(maxBytes: number): Promise<string | undefined>;
  /** Replaces the previous status line (progress); only on a terminal. "" clears it. */
  status?(text: string): void;
  platform: NodeJS.Platform;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text + "\n"),
  stderr: (text) => process.stderr.write(text + "\n"),
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  readStdin: async (maxBytes) => {
    if (process.stdin.isTTY) process.stderr.write("Type the request, then press Return and Ctrl-D:\n");
    const text = await readStreamAtMost(process.stdin, maxBytes);
    if (text === undefined) process.stdin.destroy();
    return text;
  },
  status: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
  platform: process.platform,
};
