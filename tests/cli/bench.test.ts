import { main } from "../../src/cli/main";
import { memoryIO } from "../support/memoryIO";

describe("npm run bench", () => {
  test("classifier prints session load and per-stage percentiles", async () => {
    const m = memoryIO();
    expect(await main(["bench", "classifier", "--repeat", "1"], m.io)).toBe(0);
    const out = m.stdout();
    expect(out).toContain("Classifier bench: 12 requests × 1");
    expect(out).toMatch(/session load +\d+\.\d ms/);
    for (const stage of ["normalize", "featurize", "run", "classify"])
      expect(out).toMatch(new RegExp(`${stage} +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{3}`));
  });

  test("an unknown benchmark is a usage error naming the known ones", async () => {
    const m = memoryIO();
    expect(await main(["bench", "nope"], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/name a benchmark: classifier/);
  });
});
