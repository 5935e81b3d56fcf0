import { createInterface } from "node:readline/promises";

/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a question on the terminal and returns the answer. */
  ask(question: string): Promise<string>;
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
  status: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
  platform: process.platform,
};
