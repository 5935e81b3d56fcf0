// Deletes the native binaries this machine can never load, after `npm install` / `npm ci`.
//
// node-llama-cpp lists a prebuilt package per platform/GPU as optional dependencies, and npm installs
// every one whose os/cpu match (on linux-x64: CPU, CUDA, CUDA-ext, Vulkan, ~650 MB). onnxruntime-node
// ships all platforms' binaries in one tarball (~290 MB). The agent runs on the CPU build (Metal on
// Apple Silicon, where it is the only prebuilt), so everything else is dead weight.
// Set TINYAGENT_KEEP_NATIVE=1 to keep them all.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

if (process.env.TINYAGENT_KEEP_NATIVE === "1") process.exit(0);

const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..", "node_modules");
const { platform, arch } = process;

const llamaKeep = new Set(
  platform === "darwin" ? [arch === "arm64" ? "mac-arm64-metal" : "mac-x64"] : platform === "win32" ? [`win-${arch}`] : [`linux-${arch}`],
);

let freed = [];
const llamaDir = join(root, "@node-llama-cpp");
if (existsSync(llamaDir)) {
  for (const name of readdirSync(llamaDir)) {
    if (llamaKeep.has(name)) continue;
    rmSync(join(llamaDir, name), { recursive: true, force: true });
    freed.push(`@node-llama-cpp/${name}`);
  }
}

const ortBin = join(root, "onnxruntime-node", "bin");
if (existsSync(ortBin)) {
  for (const napi of readdirSync(ortBin)) {
    for (const plat of readdirSync(join(ortBin, napi))) {
      for (const cpu of readdirSync(join(ortBin, napi, plat))) {
        if (plat === platform && cpu === arch) continue;
        rmSync(join(ortBin, napi, plat, cpu), { recursive: true, force: true });
        freed.push(`onnxruntime-node/bin/${napi}/${plat}/${cpu}`);
      }
    }
  }
}

if (freed.length > 0) console.log(`prune-native: removed ${freed.length} unused native builds (${freed.join(", ")})`);
