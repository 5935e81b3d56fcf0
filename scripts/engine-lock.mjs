// Generates assets/engine-lock.json: for each platform, every npm package node-llama-cpp and
// onnxruntime-node need at run time, pinned to the versions in package-lock.json, with the registry
// tarball URL, its sha512 `integrity` and its size. The extension installs exactly these packages
// under Raycast's support folder (src/engines/engineInstaller.ts), because `ray build` ships no
// node_modules and refuses native addons.
//
//   node scripts/engine-lock.mjs           write the file
//   node scripts/engine-lock.mjs --check   exit 1 if the file is not what package-lock.json gives (CI)
//
// package-lock.json on this project carries no `resolved` URLs (omit-lockfile-registry-resolved), so
// the URL is derived the way the registry names tarballs. Tarball sizes (for download progress) are
// not in the lockfile: they are read from the registry once (HEAD) and reused, keyed by integrity,
// from the existing lock file; --check never touches the network.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "assets", "engine-lock.json");
const REGISTRY = "https://registry.npmjs.org/";
const ENGINES = ["node-llama-cpp", "onnxruntime-node"];

// One prebuilt llama.cpp package per platform: the CPU build on Linux, Metal on Apple Silicon (the
// only prebuilt there; `gpuLayers: 0` runs it on the CPU). onnxruntime-node ships every platform's
// binaries in one tarball; only this platform's binding and library are extracted.
const PLATFORMS = {
  "darwin-arm64": {
    llamaBinary: "@node-llama-cpp/mac-arm64-metal",
    // The binding links @rpath/libonnxruntime.1.dylib (rpath @loader_path); the tarball also holds an
    // identical libonnxruntime.1.30.0.dylib that nothing loads (44.6 MB).
    onnxFiles: ["bin/napi-v6/darwin/arm64/onnxruntime_binding.node", "bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib"],
  },
  // onnxruntime-node 1.30.0 has no Intel-Mac binary: only the planner engine there.
  "darwin-x64": { llamaBinary: "@node-llama-cpp/mac-x64", onnxFiles: null },
  // For tests and the CLI on Linux.
  "linux-x64": {
    llamaBinary: "@node-llama-cpp/linux-x64",
    onnxFiles: ["bin/napi-v6/linux/x64/onnxruntime_binding.node", "bin/napi-v6/linux/x64/libonnxruntime.so.1"],
  },
};

// Dependencies declared by the engines that nothing loads when a prebuilt binary runs a model. Each
// was checked against the import graph of node-llama-cpp's dist/index.js (static and dynamic imports)
// and onnxruntime-node's dist/index.js; the engine tests load and run both engines without them.
const NOT_AT_RUN_TIME = {
  "cmake-js": "builds llama.cpp from source, run only as `npm run cmake-js-llama` when no prebuilt binary fits",
  "node-addon-api": "C++ headers for that source build",
  yargs: "node-llama-cpp's command-line interface (dist/cli) only",
  "validate-npm-package-name": "the `init` command of node-llama-cpp's CLI only",
  ignore: "imported by no file of node-llama-cpp's dist",
  "adm-zip": "onnxruntime-node's postinstall script (script/install.js), which downloads CUDA binaries",
  "global-agent": "proxy support for that same postinstall download",
};
// Optional dependencies (other platforms' llama.cpp builds; @reflink/reflink, which ipull imports
// inside try/catch to clone local files) are never followed; the platform's llama binary is added.

// Parts of a package's tarball not extracted, as path prefixes inside the package ("!" keeps a path
// under a skipped prefix).
const SKIP = {
  // llama.cpp's source as a git bundle, for building from source (34 MB unpacked).
  "node-llama-cpp": ["llama/gitRelease.bundle"],
};

function tarballUrl(name, version) {
  const basename = name.startsWith("@") ? name.split("/")[1] : name;
  return `${REGISTRY}${name}/-/${basename}-${version}.tgz`;
}

const lockfile = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
const entries = lockfile.packages;

/** Node's lookup: from a package's folder up through every enclosing node_modules. */
function resolveFrom(fromPath, name) {
  let dir = fromPath;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (entries[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut < 0 ? "" : dir.slice(0, cut);
  }
}

function packageName(path, entry) {
  return entry.name ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
}

function closure(roots) {
  const found = new Set();
  const visit = (path) => {
    if (found.has(path)) return;
    const entry = entries[path];
    if (!entry) throw new Error(`package-lock.json has no ${path}: run npm install`);
    if (entry.link) throw new Error(`${path} is a link; the engines must come from the registry`);
    found.add(path);
    for (const dep of Object.keys(entry.dependencies ?? {})) {
      if (dep in NOT_AT_RUN_TIME) continue;
      const resolved = resolveFrom(path, dep);
      if (!resolved) throw new Error(`${path} depends on ${dep}, which package-lock.json does not hold`);
      visit(resolved);
    }
  };
  for (const root of roots) visit(root);
  return [...found].sort();
}

let previousSizes = new Map();
try {
  const previous = JSON.parse(readFileSync(OUT, "utf8"));
  for (const platform of Object.values(previous.platforms ?? {}))
    for (const p of platform.packages ?? []) if (p.integrity && p.size) previousSizes.set(p.integrity, p.size);
} catch {
  previousSizes = new Map();
}

const check = process.argv.includes("--check");
const missingSizes = [];

function describe(path, onnxFiles) {
  const entry = entries[path];
  const name = packageName(path, entry);
  if (!entry.integrity?.startsWith("sha512-")) throw new Error(`${name}@${entry.version} has no sha512 integrity in package-lock.json`);
  const url = entry.resolved?.startsWith(REGISTRY) ? entry.resolved : tarballUrl(name, entry.version);
  const size = previousSizes.get(entry.integrity);
  if (size === undefined) missingSizes.push(url);
  const described = { path, name, version: entry.version, url, integrity: entry.integrity, size: size ?? 0 };
  if (name === "onnxruntime-node") return { ...described, skip: ["bin/", "lib/", "script/", ...onnxFiles.map((f) => `!${f}`)] };
  if (SKIP[name]) return { ...described, skip: SKIP[name] };
  return described;
}

const platforms = {};
for (const [platform, { llamaBinary, onnxFiles }] of Object.entries(PLATFORMS)) {
  const engines = onnxFiles ? ENGINES : ENGINES.filter((e) => e !== "onnxruntime-node");
  const roots = [...engines.map((e) => `node_modules/${e}`), `node_modules/${llamaBinary}`];
  platforms[platform] = { engines, packages: closure(roots).map((path) => describe(path, onnxFiles)) };
}

if (missingSizes.length > 0 && !check) {
  const byUrl = new Map();
  const queue = [...new Set(missingSizes)];
  // A few requests at a time: hundreds at once time out on connect.
  const worker = async () => {
    for (let url = queue.pop(); url; url = queue.pop()) {
      const response = await fetch(url, { method: "HEAD" });
      const length = Number(response.headers.get("content-length"));
      if (!response.ok || !length) throw new Error(`HEAD ${url}: ${response.status}`);
      byUrl.set(url, length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (const platform of Object.values(platforms)) for (const p of platform.packages) if (!p.size) p.size = byUrl.get(p.url);
}

const engineVersions = Object.fromEntries(ENGINES.map((e) => [e, entries[`node_modules/${e}`].version]));
const text = JSON.stringify({ format: 1, registry: REGISTRY, engineVersions, platforms }, null, 2) + "\n";

if (check) {
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {
    current = "";
  }
  if (current !== text) {
    console.error("assets/engine-lock.json is out of date with package-lock.json: run `npm run engine-lock` and commit it.");
    process.exit(1);
  }
  console.log("assets/engine-lock.json is up to date.");
} else {
  writeFileSync(OUT, text);
  const summary = Object.entries(platforms).map(([p, { packages }]) => {
    const mb = packages.reduce((sum, x) => sum + x.size, 0) / 1e6;
    return `${p}: ${packages.length} packages, ${mb.toFixed(1)} MB to download`;
  });
  console.log(`wrote ${OUT}\n${summary.join("\n")}`);
}
