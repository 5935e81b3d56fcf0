import { UsageError } from "../cliErrors";
import type { CliIO } from "../io";
import { classifierBench } from "./classifierBench";
import { embeddedBench } from "./embeddedBench";
import { plannerBench } from "./plannerBench";

type Bench = (argv: string[], io: CliIO) => Promise<number>;

/** One benchmark per pipeline stage; each prints numbers, none asserts a time. */
const BENCHES: Record<string, Bench> = {
  classifier: classifierBench,
  planner: embeddedBench,
  "tinyagent-shaped": plannerBench,
};

export async function benchCommand(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const bench = name !== undefined ? BENCHES[name] : undefined;
  if (!bench) throw new UsageError(`name a benchmark: ${Object.keys(BENCHES).join(", ")} (e.g. npm run bench -- classifier)`);
  return bench(rest, io);
}
