// Makes tests/fixtures/export/: a tiny random PyTorch planner (weights.safetensors), its tokenizer,
// and PyTorch's greedy continuations and next-token probabilities for a few compact prompts
// (reference.json). tests/training/exportGguf.test.ts exports the weights to GGUF and checks that
// llama.cpp agrees with PyTorch. Needs PyTorch: /usr/bin/python3 with Debian's python3-torch works.
//   npx tsx training/planner/makeExportFixture.ts
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compactPrompt } from "../../src/agent/prompt/compactPrompt";
import { TOOL_NAMES } from "../../src/core/tools/names";
import { encodeBpe, trainByteLevelBpe } from "../../src/gguf/byteLevelBpe";

const dir = join(__dirname, "../../tests/fixtures/export");
mkdirSync(dir, { recursive: true });
const now = { year: 2026, month: 11, day: 22, hour: 10, minute: 0, second: 0 };
const requests = [
  "Text Sid that I'm running late",
  "Invite Zoë and José to a sync on 2026-11-23 14:00:00",
  "remind me to water the plants",
];
const texts = requests.map((query, i) => {
  const p = compactPrompt.build({ tools: TOOL_NAMES.slice(i * 4, i * 4 + 5), now, query });
  return p.system + p.user;
});
const vocab = trainByteLevelBpe(texts, { maxMerges: 120, userTokens: TOOL_NAMES });
writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(vocab));
const prompts = texts.map((t) => [vocab.bos, ...encodeBpe(vocab, t)]);
writeFileSync(join(dir, "prompts.json"), JSON.stringify({ prompts, max_new: 24, stop: [vocab.eos] }));
const python = process.env.PYTHON ?? "/usr/bin/python3";
const out = execFileSync(
  python,
  ["reference.py", join(dir, "weights.safetensors"), join(dir, "prompts.json"), "--init-seed", "1", "--vocab", String(vocab.tokens.length)],
  { cwd: __dirname, encoding: "utf8" },
);
writeFileSync(join(dir, "reference.json"), out);
console.log(`wrote ${dir}: vocab ${vocab.tokens.length}, ${prompts.length} prompts`);
