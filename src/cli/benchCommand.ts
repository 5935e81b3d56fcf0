import { classifierBench } from "./bench/classifierBench";
import { UsageError } from "./cliErrors";
import type { CliIO } from "./io";

type Bench = (argv: string[], io: CliIO) => Promise<number>;

const BENCHES: Record<string, Bench> = { classifier: classifierBench };

/** `npm run bench -- <name> [options]`: one benchmark per pipeline stage, each printing numbers. */
export async function benchCommand(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const bench = name !== undefined ? BENCHES[name] : undefined;
  if (!bench) throw new UsageError(`name a benchmark: ${Object.keys(BENCHES).join(", ")} (e.g. npm run bench -- classifier)`);
  return bench(rest, io);
}
