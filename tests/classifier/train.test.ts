import { forward, type MlpWeights } from "../../training/classifier/mlp";
import { initWeights, LABELS, train } from "../../training/classifier/train";
import { Rng } from "../../training/generator/rng";

const L = LABELS.length;
const BUCKETS = 200;

/**
 * A toy task shaped like the real one: one "action" feature (ids 0–15) says the label, and ten to
 * forty "slot" features (ids 100–199) are noise, as names and file names are.
 */
function toyData(seed: number, n: number) {
  const rng = new Rng(seed);
  const rows: number[][] = [];
  const targets = new Uint8Array(n * L);
  for (let k = 0; k < n; k++) {
    const label = rng.int(0, 15);
    const noise = Array.from({ length: rng.int(10, 40) }, () => rng.int(100, BUCKETS - 1));
    rows.push([label, ...noise]);
    targets[k * L + label] = 1;
  }
  const offsets = Uint32Array.from([0, ...rows.map((_, k) => rows.slice(0, k + 1).reduce((s, r) => s + r.length, 0))]);
  return { ids: Int32Array.from(rows.flat()), offsets, targets, n, rows };
}

/** Share of requests whose most likely label is their action. */
function accuracy(w: MlpWeights, data: ReturnType<typeof toyData>): number {
  const right = data.rows.filter((ids) => {
    const p = forward(w, Int32Array.from(ids)).probabilities;
    return p.indexOf(Math.max(...p)) === ids[0];
  }).length;
  return right / data.n;
}

describe("classifier training", () => {
  test("learns the action feature among many noise features", () => {
    const data = toyData(1, 3000);
    const w = initWeights(new Rng(2), BUCKETS, 16, 32);
    const losses: number[] = [];
    const log = (line: string) => losses.push(Number(/loss ([\d.]+)/.exec(line)![1]));
    train(w, data, { epochs: 3, lr: 0.005, embeddingLr: 5, dropout: 0, rng: new Rng(3), log });
    expect(losses[2]!).toBeLessThan(losses[0]! / 10);
    expect(accuracy(w, toyData(4, 300))).toBeGreaterThan(0.95);
  });

  test("feature dropout still learns, and training is deterministic from the seed", () => {
    const run = () => {
      const w = initWeights(new Rng(2), BUCKETS, 16, 32);
      train(w, toyData(1, 1000), { epochs: 2, lr: 0.005, embeddingLr: 5, dropout: 0.35, rng: new Rng(3) });
      return w;
    };
    const a = run();
    expect(run().E).toEqual(a.E);
    expect(accuracy(a, toyData(4, 200))).toBeGreaterThan(0.9);
  });

  test("attention pooling learns to weigh the action feature over the slot features", () => {
    const data = toyData(1, 1000);
    const mean = initWeights(new Rng(2), BUCKETS, 16, 32);
    const attention = initWeights(new Rng(2), BUCKETS, 16, 32, "attention");
    for (const w of [mean, attention]) train(w, data, { epochs: 1, lr: 0.005, embeddingLr: 5, dropout: 0, rng: new Rng(3) });
    const S = attention.S!;
    const average = (from: number, to: number) => S.slice(from, to).reduce((x, y) => x + y, 0) / (to - from);
    expect(average(0, 16)).toBeGreaterThan(average(100, BUCKETS) + 1);
    const test = toyData(4, 300);
    expect(accuracy(attention, test)).toBeGreaterThanOrEqual(accuracy(mean, test));
  });
});
