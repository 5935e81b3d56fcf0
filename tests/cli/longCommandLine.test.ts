import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");

/**
 * onnxruntime-node 1.30's telemetry reads /proc/self/cmdline when the first session is created and
 * overflowed the stack (SIGSEGV, exit 139) once the command line passed about 29 KB — the command
 * line, not process.argv (emptying it in JS did not help) and not the environment (a 100 KB variable
 * was fine). Reproduced with plain node:
 *   node -e 'require("onnxruntime-node").InferenceSession.create("assets/models/toolrag-classifier.onnx")' "$(head -c 30000 /dev/zero | tr "\0" a)"
 * The CLI turns that telemetry off. A short request with 30 KB of spaces after it reaches the
 * classifier (the request itself is fine once trimmed), so it crashed before.
 */
test("a 30 KB command line does not crash the classifier", () => {
  const { ORT_DISABLE_TELEMETRY: _, ...env } = process.env;
  const run = spawnSync(
    process.execPath,
    [TSX, "src/cli/main.ts", "Text Sid that I'm running late", " ".repeat(30_000), "--plan-file", "examples/text-sid.plan", "--json"],
    { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 },
  );
  expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null });
  expect(JSON.parse(run.stdout)).toMatchObject({ query: "Text Sid that I'm running late", selectedTools: expect.any(Array) });
});
