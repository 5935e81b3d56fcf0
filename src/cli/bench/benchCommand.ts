import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { plannerBench } from "./plannerBench";

type Bench = (argv: string[], io: CliIO) => Promise<number>;

/** Benchmarks print numbers; nothing here asserts a time. */
const BENCHES: Record<string, Bench> = {
  planner: plannerBench,
};

export async function benchCommand(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const bench = name !== undefined ? BENCHES[name] : undefined;
  if (!bench) throw new UsageError(`which benchmark? npm run bench -- <${Object.keys(BENCHES).join("|")}> [--help]`);
  return bench(rest, io);
}
