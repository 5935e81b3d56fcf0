/**
 * The native engines as the rest of the project receives them. Only src/engines imports them (it
 * knows where they are installed and how to repair them); the two places that wire the app — the
 * CLI's stages and the Raycast services — hand its `ENGINE_MODULES` down, so agent and classifier
 * run the engines without depending on how they are found.
 */
export type NodeLlamaCpp = typeof import("node-llama-cpp");
export type OnnxRuntime = typeof import("onnxruntime-node");

export interface EngineModules {
  nodeLlamaCpp(): Promise<NodeLlamaCpp>;
  onnxRuntime(): Promise<OnnxRuntime>;
  /** How llama.cpp is started everywhere in the project (see src/engines/engineLoader.ts). */
  llamaStartOptions: { build: "never"; gpu?: false };
}
