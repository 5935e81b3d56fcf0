import { AgentError } from "../core/errors";
import { benchCommand } from "./bench/benchCommand";
import { EXIT, UsageError } from "./cliErrors";
import { engineCommand } from "./engineCommand";
import { evalCommand } from "./evalCommand";
import { processIO, type CliIO } from "./io";
import { modelsCommand } from "./modelsCommand";
import { planCommand } from "./planCommand";
import { promptCommand } from "./promptCommand";
import { terminalIO } from "./terminalIO";

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  bench: benchCommand,
  eval: evalCommand,
  engine: engineCommand,
  models: modelsCommand,
  prompt: promptCommand,
};

/** The headless front end: `npm start -- "<request>" | models | prompt`, `npm run eval`, `npm run bench`, `npm run engine`. */
export async function main(argv: string[], outside: CliIO = processIO): Promise<number> {
  const io = terminalIO(outside);
  const [first, ...rest] = argv;
  const command = first !== undefined ? COMMANDS[first] : undefined;
  // With --json, every exit prints one JSON object, failures included, so a script always has one to read.
  const json = argv.some((a) => a === "--json" || a.startsWith("--json="));
  const fail = (message: string, code: string) => json && io.stdout(JSON.stringify({ error: message, code }, null, 2));
  try {
    return command ? await command(rest, io) : await planCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`error: ${(error as Error).message}`);
      fail((error as Error).message, "usage");
      return EXIT.usage;
    }
    if (error instanceof AgentError) {
      io.stderr(`error: ${error.message}`);
      fail(error.message, error.code);
      if (process.env.TINYAGENT_DEBUG && error.cause) io.stderr(String(error.cause));
      return EXIT.usage;
    }
    io.stderr(`internal error: ${error instanceof Error ? error.message : String(error)} (set TINYAGENT_DEBUG=1 for details)`);
    fail(error instanceof Error ? error.message : String(error), "internal");
    if (process.env.TINYAGENT_DEBUG && error instanceof Error) io.stderr(error.stack ?? "");
    return EXIT.internal;
  }
}

/** node:util parseArgs rejects unknown or malformed options with ERR_PARSE_ARGS_* codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`internal error: ${String(error)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
