import { checkEnginesInWorker } from "../../src/engines/check/checkInWorker";

// The check's worker bundle without an engine folder imports the project's own engines (the CLI's
// `npm run engine -- check`). onnxruntime-node only: the llama.cpp run is covered, from an engine
// folder, by tests/engines/realEngines.test.ts.
test("without a folder, the check's worker loads the project's onnxruntime-node and computes the right numbers", async () => {
  const { report } = await checkEnginesInWorker({ engines: ["onnxruntime-node"], heapMb: 64, threads: 1 });
  expect(report.source).toBe("project node_modules");
  expect(report.install).toBeUndefined();
  expect(report.llama).toBeUndefined();
  expect(report.onnx!.output).toHaveLength(3);
  expect(report.onnx!.maxAbsError).toBeLessThan(1e-5);
}, 60_000);
