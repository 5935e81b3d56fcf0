/**
 * The one place that imports the native engines. Both are ESM with native addons, so they are
 * loaded with import() at run time (never bundled): from the project's node_modules in tests and the
 * CLI; inside Raycast from a copy installed under the extension's support folder (see the engine
 * installer).
 */
export type NodeLlamaCpp = typeof import("node-llama-cpp");
export type OnnxRuntime = typeof import("onnxruntime-node");

let llama: Promise<NodeLlamaCpp> | undefined;
let onnx: Promise<OnnxRuntime> | undefined;

export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  llama ??= import("node-llama-cpp");
  return llama;
}

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  onnx ??= import("onnxruntime-node");
  return onnx;
}
