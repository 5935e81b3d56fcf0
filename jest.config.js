/** @type {import('jest').Config} */
module.exports = {
  // Node's environment with Node-realm typed arrays, so onnxruntime-node's outputs pass its own checks.
  testEnvironment: "<rootDir>/tests/support/nodeRealmEnvironment.js",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // SWC compiles TypeScript to CommonJS but leaves `import()` alone, so the ESM-only engines
  // (node-llama-cpp) load through Node's own ESM loader (needs --experimental-vm-modules).
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022", transform: { react: { runtime: "automatic" } } },
        module: { type: "commonjs", ignoreDynamic: true },
      },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!(run-applescript)/)"],
  moduleNameMapper: { "^@raycast/api$": "<rootDir>/tests/mocks/raycast-api.tsx" },
  testTimeout: 60000,
  // A fresh worker for each test file: node-llama-cpp imported by several test files in one process
  // (one module instance per file, one native binding) crashes it with a segmentation fault once
  // an earlier file's instance is collected. Any limit this low recycles the worker after every
  // file (and keeps jest from running in band).
  workerIdleMemoryLimit: "10MB",
};
