import type { CliIO } from "../../src/cli/io";

/**
 * Captures a CLI command's output in memory; `answers` are typed at its prompts (once they run out,
 * standard input is closed: no answer); `stdin` is what standard input holds.
 */
export function memoryIO(options: { platform?: NodeJS.Platform; answers?: string[]; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(options.answers ?? [])];
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    ask: async () => answers.shift(),
    readStdin: async (maxBytes) => {
      const text = options.stdin ?? "";
      return Buffer.byteLength(text) > maxBytes ? undefined : text;
    },
    platform: options.platform ?? "linux",
  };
  return { io, stdout: () => out.join("\n"), stderr: () => err.join("\n") };
}
