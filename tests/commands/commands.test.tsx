import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AppSchema } from "../../src/core/tools/names";
import AskCommand from "../../src/ask";
import HistoryCommand from "../../src/history";
import ModelsCommand from "../../src/models";
import { mockRaycast } from "../mocks/raycast-api";
import { cleanup, render } from "../support/render";

// Each command as Raycast starts it: no test services, so raycastServices() builds them from the
// (mocked) environment, preferences and LocalStorage. Ask starts idle: planning would install the
// real engines into the support folder.
beforeEach(() => mockRaycast.reset());
afterEach(() => cleanup());

const packageJson = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));

describe("every command renders", () => {
  test("each command in package.json has an entry file that only re-exports its view", () => {
    for (const { name } of packageJson.commands as { name: string }[]) {
      const source = readFileSync(join(__dirname, "..", "..", "src", `${name}.tsx`), "utf8");
      expect(source.trim()).toMatch(/^export \{ default \} from "\.\/commands\/\w+Command";$/);
    }
  });

  test("every app has its icon in assets/apps: a 64×64 PNG", () => {
    for (const app of AppSchema.options) {
      const png = readFileSync(join(__dirname, "..", "..", "assets", "apps", `${app.toLowerCase()}.png`));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    }
  });

  test("Ask TinyAgent", async () => {
    const r = await render(<AskCommand arguments={{ query: "" }} />);
    // A root command takes its title from the command; only pushed views set one.
    expect(r.one("List").props.navigationTitle).toBeUndefined();
    expect(r.one("List.EmptyView").props.description).toMatch(/Type a request/);
  });

  test("Manage Models", async () => {
    const r = await render(<ModelsCommand />);
    await r.until(() => r.one("List").props.isLoading === false, "the models");
    expect(r.all("List.Item").map((i) => i.props.id)).toEqual([
      "tinyagent-embedded-planner",
      "tinyagent-1.1b-q4_k_m",
      "tinyagent-7b-q4_k_m",
      "toolrag-classifier",
      "value-tagger",
    ]);
    expect(r.actionTitles(r.all("List.Item")[1]!)).toContain("Download");
  });

  test("Search History", async () => {
    mockRaycast.storage.set(
      "history",
      JSON.stringify([
        {
          id: "x",
          query: "Text Sid",
          planText: "1. join()",
          outcome: "done",
          summary: "Nothing to do.",
          ranAt: "2026-11-22T10:00:00Z",
          tasks: 0,
        },
      ]),
    );
    const r = await render(<HistoryCommand />);
    await r.until(() => r.one("List").props.isLoading === false, "the history");
    expect(r.all("List.Item").map((i) => i.props.title)).toEqual(["Text Sid"]);
  });
});
