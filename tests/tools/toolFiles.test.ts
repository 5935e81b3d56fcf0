import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TOOL_NAMES } from "../../src/core/tools/names";
import { TOOLS } from "../../src/tools/catalog";

const TOOLS_DIR = resolve(__dirname, "../../src/tools");
/** The files of src/tools/ that every tool shares; every other file is one tool. */
const SHARED = ["argumentChecks.ts", "catalog.ts", "defineTool.ts", "macTools.ts", "toolContract.ts"];
const toolFiles = readdirSync(TOOLS_DIR)
  .filter((f) => f.endsWith(".ts") && !SHARED.includes(f))
  .sort();

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

test("TOOLS holds the 16 tools, by name, in TOOL_NAMES order", () => {
  expect(Object.keys(TOOLS)).toEqual([...TOOL_NAMES]);
  for (const name of TOOL_NAMES) expect(TOOLS[name].name).toBe(name);
});

test("src/tools/ holds one file per tool, named after it", () => {
  expect(toolFiles).toEqual(TOOL_NAMES.map((name) => `${camel(name)}.ts`).sort());
});

test.each(toolFiles)("%s defines exactly one tool, the one TOOLS holds under its name", (file) => {
  expect(readFileSync(join(TOOLS_DIR, file), "utf8").match(/\bdefineTool\(/g)).toHaveLength(1);
  const exported = Object.values(jest.requireActual<Record<string, unknown>>(join(TOOLS_DIR, file)));
  expect(exported).toHaveLength(1);
  const tool = exported[0] as (typeof TOOLS)[keyof typeof TOOLS];
  expect(`${camel(tool.name)}.ts`).toBe(file);
  expect(TOOLS[tool.name]).toBe(tool);
});

test("every tool has its Mac half", () => {
  for (const name of TOOL_NAMES) {
    expect(typeof TOOLS[name].mac.preview).toBe("function");
    expect(typeof TOOLS[name].mac.run).toBe("function");
  }
});
