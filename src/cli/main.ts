import { AgentError } from "../agent/errors";
import { benchCommand } from "./benchCommand";
import { EXIT, UsageError } from "./cliErrors";
import { evalCommand } from "./evalCommand";
import { processIO, type CliIO } from "./io";
import { planCommand } from "./planCommand";

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  eval: evalCommand,
  bench: benchCommand,
};

/** The headless front end: `npm start -- "<request>"`, `npm run eval`, `npm run bench`. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [first, ...rest] = argv;
  const command = first !== undefined ? COMMANDS[first] : undefined;
  try {
    return command ? await command(rest, io) : await planCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`error: ${(error as Error).message}`);
      return EXIT.usage;
    }
    if (error instanceof AgentError) {
      io.stderr(`error: ${error.message}`);
      if (process.env.TINYAGENT_DEBUG && error.cause) io.stderr(String(error.cause));
      return EXIT.usage;
    }
    io.stderr(`internal error: ${error instanceof Error ? error.message : String(error)} (set TINYAGENT_DEBUG=1 for details)`);
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
