const raycastConfig = require("@raycast/eslint-config");

module.exports = [
  { ignores: ["raycast-env.d.ts", "dist/", "node_modules/", "coverage/", "training/out/", "metadata/", ".tmp/"] },
  ...raycastConfig,
  {
    rules: {
      // `_name` marks a parameter kept for an interface's shape.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
