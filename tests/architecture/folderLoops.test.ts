import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const SRC = resolve(__dirname, "../../src");

/** Every relative import (static, re-export, dynamic) of every source file under src/, by top folder. */
function folderImports(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  const folderOf = (file: string) => {
    const parts = relative(SRC, file).split(sep);
    return parts.length > 1 ? parts[0]! : "(root)";
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  for (const file of walk(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+)["']/gm)) {
      const target = resolve(dirname(file), m[1]!);
      if (!target.startsWith(SRC + sep)) continue; // package.json, assets: not a folder of src
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), relative(SRC, file)]);
    }
  }
  return graph;
}

/** The folder loops: each strongly connected set of two or more folders (Tarjan's algorithm). */
export function folderLoops(graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const loop: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        loop.push(w);
      } while (w !== v);
      if (loop.length > 1) loops.push(loop.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return loops;
}

const graph = folderImports();
const importsOf = (folder: string) => [...(graph.get(folder)?.keys() ?? [])].sort();

test("the loop finder finds a loop through three folders, and none in a layered graph", () => {
  const edges = (pairs: [string, string][]) => {
    const g = new Map<string, Map<string, true>>();
    for (const [a, b] of pairs) (g.get(a) ?? g.set(a, new Map()).get(a)!).set(b, true);
    return g;
  };
  expect(
    folderLoops(
      edges([
        ["a", "b"],
        ["b", "c"],
        ["c", "a"],
        ["c", "d"],
      ]),
    ),
  ).toEqual([["a", "b", "c"]]);
  expect(
    folderLoops(
      edges([
        ["cli", "agent"],
        ["agent", "core"],
        ["cli", "core"],
      ]),
    ),
  ).toEqual([]);
});

test("no two folders under src/ import each other, directly or through others", () => {
  const loops = folderLoops(graph).map((loop) =>
    loop.map(
      (f) =>
        `${f} → ${importsOf(f)
          .filter((t) => loop.includes(t))
          .join(", ")}`,
    ),
  );
  expect(loops).toEqual([]);
});

test("core imports nothing from the project", () => {
  expect(importsOf("core")).toEqual([]);
});

test("agent and classifier run the engines they are handed: neither imports src/engines", () => {
  expect(importsOf("agent")).not.toContain("engines");
  expect(importsOf("classifier")).not.toContain("engines");
});

test("the app helpers know no tool: applescript imports only core; the tools sit on applescript and core", () => {
  expect(importsOf("applescript")).toEqual(["core"]);
  expect(importsOf("applescript")).not.toContain("tools");
  expect(importsOf("tools")).toEqual(["applescript", "core"]);
});
