// The one command that makes the embedded models (training/README.md, "The embedded planner"):
// generate data, train the value tagger and the planner on this CPU, export, and write both into
// assets/models/ with their manifest entries. Seeded; prints validation numbers as it goes.
//
//   npm run train:embedded                      # about 90 minutes on a 2-core machine
//   npm run train:embedded -- --tagger-steps 50 --planner-steps 20 --train 5000 --out /tmp/m   # a smoke run
//   npm run train:embedded -- --only tagger     # one model again (tagger | planner | install: export and install only)
//   npm run train:embedded -- --only planner --seed 2 --planner-from assets/models/planner.gguf --planner-steps 1000
//                                               # go on training the shipped planner on fresh data (its vocabulary kept)
//   npm run train:embedded -- --only planner --seed 5 --planner-from assets/models/planner.gguf --planner-layers 6 --planner-steps 1000
//                                               # the same, the planner grown deeper first (new layers start as the identity)
//   npm run train:embedded -- --tagger-votes    # the tagger also votes on tools (tried, not shipped)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseManifest, type ModelEntry } from "../src/agent/models/manifest";

const PYTHON = "/usr/bin/python3";
const root = resolve(__dirname, "..");

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    train: { type: "string", default: "200000" },
    "tagger-steps": { type: "string", default: "3600" },
    "planner-steps": { type: "string", default: "4500" },
    work: { type: "string", default: "training/out" },
    out: { type: "string", default: "assets/models" },
    only: { type: "string" },
    "planner-from": { type: "string" },
    "planner-layers": { type: "string", default: "4" },
    // Tried, not shipped (training/README.md, "Tried and not kept"): the tagger also votes on tools.
    "tagger-votes": { type: "boolean", default: false },
  },
});
if (values.only !== undefined && !["tagger", "planner", "install"].includes(values.only))
  throw new Error(`--only takes tagger, planner or install (got "${values.only}")`);
if (!/^[1-9][0-9]?$/.test(values["planner-layers"]))
  throw new Error(`--planner-layers takes a whole number of layers, 1 to 99 (got "${values["planner-layers"]}")`);
const votes = values["tagger-votes"];
const run = (part: "tagger" | "planner") => values.only === undefined || values.only === part;
const work = resolve(root, values.work);
const out = resolve(root, values.out);
const started = Date.now();

function step(title: string, command: string, args: string[], cwd = root): void {
  console.log(`\n=== ${title} (${((Date.now() - started) / 60000).toFixed(1)} min)\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.error || result.status !== 0) {
    console.error(`\n${title} failed${result.error ? `: ${result.error.message}` : ` (exit ${result.status})`}.`);
    process.exit(1);
  }
}

// PyTorch from Debian, and OpenBLAS: without it the same training takes 33× longer.
const check = spawnSync(PYTHON, ["-c", "import torch, numpy, onnx"], { encoding: "utf8" });
if (check.error || check.status !== 0) {
  console.error(
    `${PYTHON} cannot import torch, numpy and onnx. Install them with:\n  apt-get install -y python3-torch python3-numpy python3-onnx libopenblas0-pthread`,
  );
  process.exit(2);
}

const tsx = join(root, "node_modules", ".bin", "tsx");
const generated = join(work, "generated");
if (values.only !== "install")
  step("Generate data", tsx, ["training/generator/cli.ts", "--seed", values.seed, "--train", values.train, "--out", generated]);
const splits = ["--train", join(generated, "train.jsonl"), "--valid", join(generated, "valid.jsonl")];
if (run("tagger")) {
  step("Tagger data", tsx, ["training/tagger/prepareData.ts", ...splits, "--out", join(work, "tagger-data"), "--seed", values.seed]);
  // Steps, not minutes: same seed, same bytes. One thread: a GRU this small runs faster on one than on two.
  step("Train the value tagger", PYTHON, [
    "training/tagger/train.py",
    ...[
      "--data",
      join(work, "tagger-data"),
      "--out",
      join(work, "tagger"),
      "--steps",
      values["tagger-steps"],
      "--minutes",
      "30",
      "--threads",
      "1",
      "--seed",
      values.seed,
      // Unseen words (names, fillers the generator holds out) read as random known ones; noise
      // on the hashed features teaches the tagger to lean on the context (training/README.md).
      "--feature-noise",
      "0.1",
      "--unknown-words",
      "0.1",
      // A tool head over the same states, whose votes are averaged with the classifier's.
      ...(votes ? ["--tools-weight", "1"] : []),
    ],
  ]);
}
// The classifier is not retrained; with --tagger-votes its sidecar gets the thresholds for the
// mean of its probabilities and this tagger's votes, chosen on the validation split.
const classifierDir = votes ? join(work, "classifier") : join(root, "assets", "models");
if (votes && (values.only !== "install" || !existsSync(join(classifierDir, "toolrag-classifier.json")))) {
  mkdirSync(classifierDir, { recursive: true });
  copyFileSync(join(root, "assets", "models", "toolrag-classifier.onnx"), join(classifierDir, "toolrag-classifier.onnx"));
  step("Classifier thresholds with the tagger's tool votes", tsx, [
    "training/tagger/toolHead.ts",
    ...["--tagger", join(work, "tagger", "value-tagger.json"), "--classifier", join(root, "assets", "models", "toolrag-classifier.json")],
    ...["--valid", join(generated, "valid.jsonl"), "--write", join(classifierDir, "toolrag-classifier.json")],
  ]);
}
const from = values["planner-from"] === undefined ? undefined : resolve(root, values["planner-from"]);
if (from !== undefined && !existsSync(from)) throw new Error(`--planner-from: ${from} does not exist`);
if (run("planner")) {
  const fromVocabulary = join(work, "planner-from-tokenizer.json");
  // Going on from a planner means keeping its token ids: its vocabulary is read out of its GGUF.
  if (from !== undefined)
    step("The given planner's vocabulary", PYTHON, ["training/planner/ggufWeights.py", from, "--tokenizer", fromVocabulary]);
  step("Planner data", tsx, [
    "training/planner/prepareData.ts",
    ...splits,
    "--out",
    join(work, "planner-data"),
    "--merges",
    "2500",
    "--seed",
    values.seed,
    // The planner learns from what the tagger gives it: this command's tagger marks the values of
    // out-of-scope requests, and about a quarter of the others carry one tagger-like mistake …
    "--tagger",
    join(work, "tagger", "value-tagger.json"),
    "--mistakes",
    "0.3",
    // … and is offered the tools the classifier (with --tagger-votes, and the tagger's votes) offers, wrong ones included.
    "--classifier",
    join(classifierDir, "toolrag-classifier.json"),
    ...(from === undefined ? [] : ["--tokenizer", fromVocabulary]),
  ]);
  // The size trained from scratch: 4 layers of width 256 (4.6M parameters; the shipped planner was
  // then grown to 6 with --planner-layers, training/README.md), trained at a 384-token context;
  // 4,500 steps of 8,192 tokens (about 2.6 epochs; about 55 minutes on an idle 2-core machine whose
  // CPU has AMX, matmuls in bf16; two to four hours in float32 on one without, which is why
  // --planner-from exists); the weights kept are those with the lowest validation loss
  // (checked every 500 steps). The minutes are a safety stop only: the steps make it reproducible.
  step(
    "Train the planner",
    PYTHON,
    [
      "train.py",
      ...[
        "--data",
        join(work, "planner-data"),
        "--out",
        join(work, "planner"),
        "--max-steps",
        values["planner-steps"],
        "--minutes",
        "150",
        "--seed",
        values.seed,
      ],
      ...["--layers", values["planner-layers"]],
      ...["--embedding", "256", "--heads", "4", "--kv-heads", "2", "--feed-forward", "768", "--context", "384"],
      // Going on from a trained planner starts lower: it is fine-tuned, not started over.
      ...["--batch-tokens", "8192", "--lr", from === undefined ? "2e-3" : "5e-4", "--eval-every", "500", "--eval-examples", "50"],
      ...(from === undefined ? [] : ["--init", from]),
    ],
    join(root, "training", "planner"),
  );
}
mkdirSync(out, { recursive: true });
step("Export the planner to GGUF (Q8_0)", tsx, [
  "training/planner/exportGguf.ts",
  ...["--weights", join(work, "planner"), "--tokenizer", join(work, "planner-data", "tokenizer.json"), "--out", join(out, "planner.gguf")],
]);
for (const file of ["value-tagger.onnx", "value-tagger.json"]) copyFileSync(join(work, "tagger", file), join(out, file));
if (resolve(out) !== resolve(classifierDir))
  for (const file of ["toolrag-classifier.json", "toolrag-classifier.onnx"]) copyFileSync(join(classifierDir, file), join(out, file));

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const manifestPath = join(out, "manifest.json");
const manifestSource = existsSync(manifestPath) ? manifestPath : join(root, "assets", "models", "manifest.json");
// Edit the JSON as written (key order, other entries untouched), then check it.
const raw = JSON.parse(readFileSync(manifestSource, "utf8")) as { models: Record<string, unknown>[] };
parseManifest(raw, manifestSource);
const file = (name: string) => ({ bytes: statSync(join(out, name)).size, sha256: sha256(join(out, name)) });
const entries: ModelEntry[] = [
  {
    id: "tinyagent-embedded-planner",
    title: "Embedded Planner",
    role: "planner",
    uri: "planner.gguf",
    format: "gguf",
    ...file("planner.gguf"),
    license: "MIT",
    default: true,
    promptFormat: "compact",
    chatTemplate: { kind: "none" },
    contextSize: 384,
    threads: 1,
    gpuLayers: 0,
  },
  {
    id: "value-tagger",
    title: "Value Tagger",
    role: "tagger",
    uri: "value-tagger.onnx",
    format: "onnx",
    ...file("value-tagger.onnx"),
    license: "MIT",
    default: true,
    sidecar: "value-tagger.json",
  },
];
const others = raw.models
  .filter((m) => !entries.some((e) => e.id === m.id))
  .map((m) => (m.role === "planner" ? { ...m, default: false } : m));
const next = { ...raw, models: [entries[0]!, ...others, entries[1]!] };
parseManifest(next, manifestPath);
writeFileSync(manifestPath, JSON.stringify(next, null, 2) + "\n");
const tagger = JSON.parse(readFileSync(join(out, "value-tagger.json"), "utf8")) as { results?: unknown };
console.log(`\nDone in ${((Date.now() - started) / 60000).toFixed(1)} min. ${manifestPath} updated.`);
console.log(`Tagger validation: ${JSON.stringify(tagger.results)}`);
console.log("Measure: npm run eval -- --data training/data/dev-natural.jsonl");
