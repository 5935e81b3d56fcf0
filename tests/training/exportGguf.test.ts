import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getLlamaInstance } from "../../src/agent/planner/llamaRuntime";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";
import type { BpeVocabulary } from "../../src/gguf/byteLevelBpe";
import { toHalf } from "../../src/gguf/quantize";
import { exportPlannerGguf, readSafetensors } from "../../training/planner/exportGguf";

// The fixture is a tiny random planner made by training/planner/model.py (PyTorch) with PyTorch's
// own greedy continuations and next-token probabilities (training/planner/makeExportFixture.ts).
const fixture = join(__dirname, "../fixtures/export");
const vocab = JSON.parse(readFileSync(join(fixture, "tokenizer.json"), "utf8")) as BpeVocabulary;
const { references } = JSON.parse(readFileSync(join(fixture, "reference.json"), "utf8")) as {
  references: { prompt: number[]; greedy: number[]; top: [number, number][] }[];
};
const out = mkdtempSync(join(tmpdir(), "tinyagent-export-"));

async function runInLlamaCpp(path: string) {
  const llama = await getLlamaInstance(ENGINE_MODULES);
  const model = await llama.loadModel({ modelPath: path });
  const context = await model.createContext({ contextSize: 256, threads: 1 });
  const results: { greedy: number[]; probabilities: Map<number, number> }[] = [];
  try {
    for (const ref of references) {
      const sequence = context.getSequence();
      const evaluated = await sequence.controlledEvaluate(
        ref.prompt.map((token, i) => (i === ref.prompt.length - 1 ? [token, { generateNext: { probabilities: true } }] : token)) as never,
      );
      const probabilities = (evaluated.at(-1) as { next: { probabilities: Map<number, number> } }).next.probabilities;
      await sequence.clearHistory();
      const greedy: number[] = [];
      for await (const token of sequence.evaluate(ref.prompt as never, { temperature: 0 })) {
        greedy.push(token as number);
        if (token === vocab.eos || greedy.length === ref.greedy.length) break;
      }
      results.push({ greedy, probabilities });
      sequence.dispose();
    }
  } finally {
    await context.dispose();
    await model.dispose();
  }
  return results;
}

describe("planner export: PyTorch → GGUF → llama.cpp", () => {
  test("the safetensors file holds every llama tensor under its GGUF name", () => {
    const { tensors, metadata } = readSafetensors(join(fixture, "weights.safetensors"));
    expect(JSON.parse(metadata.config!)).toMatchObject({ layers: 2, embedding: 64, vocab_size: vocab.tokens.length });
    expect(tensors.get("blk.1.ffn_down.weight")!.shape).toEqual([64, 128]);
  });

  test("exported in F32, llama.cpp gives PyTorch's next-token probabilities and greedy continuation", async () => {
    const path = join(out, "f32.gguf");
    exportPlannerGguf({ weightsPath: join(fixture, "weights.safetensors"), vocab, out: path, name: "fixture", quant: "F32" });
    const results = await runInLlamaCpp(path);
    results.forEach((r, i) => {
      for (const [token, p] of references[i]!.top) expect(Math.abs((r.probabilities.get(token) ?? 0) - p)).toBeLessThan(2e-3);
      expect(r.greedy).toEqual(references[i]!.greedy);
    });
  });

  test("F16 weights in several shards (what the GPU machine hands back) read the same", async () => {
    const { tensors, metadata } = readSafetensors(join(fixture, "weights.safetensors"));
    const dir = mkdtempSync(join(tmpdir(), "tinyagent-shards-"));
    const names = [...tensors.keys()];
    // Written here as model.py writes shards: a safetensors header, then little-endian F16 data.
    [names.slice(0, 7), names.slice(7)].forEach((part, i) => {
      const header: Record<string, unknown> = { __metadata__: metadata };
      const blobs: Buffer[] = [];
      let offset = 0;
      for (const name of part) {
        const t = tensors.get(name)!;
        const data = Buffer.alloc(t.data.length * 2);
        t.data.forEach((v, j) => data.writeUInt16LE(toHalf(v), j * 2));
        header[name] = { dtype: "F16", shape: t.shape, data_offsets: [offset, offset + data.length] };
        blobs.push(data);
        offset += data.length;
      }
      const json = Buffer.from(JSON.stringify(header));
      const length = Buffer.alloc(8);
      length.writeBigUInt64LE(BigInt(json.length));
      writeFileSync(join(dir, `weights-0000${i + 1}.safetensors`), Buffer.concat([length, json, ...blobs]));
    });
    const read = readSafetensors(dir);
    expect([...read.tensors.keys()].sort()).toEqual([...names].sort());
    const a = tensors.get("output.weight")!.data;
    const b = read.tensors.get("output.weight")!.data;
    expect(Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)))).toBeLessThan(0.01);
    const path = join(out, "f16-shards.gguf");
    exportPlannerGguf({ weightsPath: dir, vocab, out: path, name: "fixture", quant: "F32" });
    const results = await runInLlamaCpp(path);
    results.forEach((r, i) => expect([...r.probabilities.entries()][0]![0]).toBe(references[i]!.top[0]![0]));
  });

  test("exported in Q8_0 (what ships), the most likely next token is PyTorch's", async () => {
    const path = join(out, "q8.gguf");
    const { bytes } = exportPlannerGguf({
      weightsPath: join(fixture, "weights.safetensors"),
      vocab,
      out: path,
      name: "fixture",
      quant: "Q8_0",
    });
    expect(bytes).toBeLessThan(readFileSync(join(fixture, "weights.safetensors")).length / 3);
    const results = await runInLlamaCpp(path);
    results.forEach((r, i) => {
      const top = [...r.probabilities.entries()][0]!;
      expect(top[0]).toBe(references[i]!.top[0]![0]);
    });
  });
});
