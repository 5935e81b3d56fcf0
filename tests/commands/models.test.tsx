import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReactElement } from "react";
import { loadManifest, parseManifest } from "../../src/agent/models/manifest";
import { disposeLoadedModels } from "../../src/agent/planner/llamaRuntime";
import AskCommand from "../../src/ask";
import { ServicesContext } from "../../src/commands/hooks/useServices";
import ModelsCommand from "../../src/models";
import { mockRaycast } from "../mocks/raycast-api";
import { sha256, startHubStandIn, type HubStandIn } from "../support/hubStandIn";
import { cleanup, render, type Rendered } from "../support/render";
import { testServices, type TestServices } from "../support/testServices";
import { rankingModel } from "../support/tinyModel";

// Two tiny real planner models (fixed-ranking GGUF files that write short valid plans under the
// grammar): one embedded next to the manifest, one served by a local Hugging Face stand-in.
const dir = mkdtempSync(join(tmpdir(), "tinyagent-ui-manifest-"));
copyFileSync(rankingModel('")]\ngetphonumbrSidj').path, join(dir, "tiny.gguf"));
const MODEL = readFileSync(join(dir, "tiny.gguf"));
const HUB_PATH = "/acme/Tiny-GGUF/resolve/main/tiny.gguf";
const planner = (id: string, title: string, uri: string, isDefault: boolean) => ({
  id,
  title,
  role: "planner",
  uri,
  format: "gguf",
  bytes: MODEL.length,
  sha256: sha256(MODEL),
  license: "MIT",
  default: isDefault,
  promptFormat: "compact",
  chatTemplate: { kind: "none" },
  contextSize: 2048,
  threads: 1,
  gpuLayers: 0,
});
// The project's value tagger ships beside them: these planners plan over its placeholders.
const tagger = loadManifest().models.find((m) => m.role === "tagger")!;
if (tagger.role !== "tagger") throw new Error("no value tagger in the project manifest");
for (const file of [tagger.uri, tagger.sidecar]) copyFileSync(join(__dirname, "../../assets/models", file), join(dir, file));
const manifest = parseManifest(
  {
    models: [
      planner("tiny-embedded", "Tiny Embedded Planner", "tiny.gguf", true),
      planner("tiny-hub", "Tiny Hub Planner", "hf:acme/Tiny-GGUF/tiny.gguf", false),
      tagger,
    ],
  },
  "test",
);

let hub: HubStandIn;
beforeAll(async () => {
  hub = await startHubStandIn({ [HUB_PATH]: { body: MODEL } });
});
afterAll(async () => {
  await hub.close();
  await disposeLoadedModels();
});
beforeEach(() => mockRaycast.reset());
afterEach(() => cleanup());

const services = () => testServices({ manifest, embeddedDir: dir, hubEndpoint: hub.endpoint });
const withServices = (s: TestServices, element: ReactElement) => <ServicesContext.Provider value={s}>{element}</ServicesContext.Provider>;
const row = (r: Rendered, id: string) => r.one("List.Item", (p) => p.id === id);
const tags = (r: Rendered, id: string) =>
  (row(r, id).props.accessories as { tag?: { value: string } }[]).flatMap((a) => (a.tag ? [a.tag.value] : []));
const inUse = (r: Rendered, id: string) =>
  (row(r, id).props.accessories as { tooltip?: string }[]).some((a) => a.tooltip === "Used for planning");

describe("Manage Models", () => {
  test("lists the models with size, license and state; downloads with a progress toast; deletes", async () => {
    const s = services();
    const r = await render(withServices(s, <ModelsCommand />));
    await r.until(() => r.one("List").props.isLoading === false, "the models' states");
    expect(r.all("List.Section").map((n) => n.props.title)).toEqual(["Planner Models", "Value Tagger Models"]);
    expect(row(r, "tiny-embedded").props.subtitle).toMatch(/^\d+(\.\d+)? kB · planner$/);
    expect(tags(r, "tiny-embedded")).toEqual(["MIT", "Bundled"]);
    expect(inUse(r, "tiny-embedded")).toBe(true);
    expect(tags(r, "tiny-hub")).toEqual(["MIT", "Not Downloaded"]);
    expect(r.actionTitles(row(r, "tiny-embedded"))).not.toContain("Delete Download");

    await r.trigger("Download", row(r, "tiny-hub"));
    await r.until(() => tags(r, "tiny-hub").includes("Downloaded"), "the download");
    expect(mockRaycast.toasts[0]).toMatchObject({ title: "Downloaded Tiny Hub Planner", style: "success" });
    expect(hub.requests.some((q) => q.path === HUB_PATH)).toBe(true);

    await r.trigger("Delete Download", row(r, "tiny-hub"));
    await r.until(() => tags(r, "tiny-hub").includes("Not Downloaded"), "the deletion");
    expect(mockRaycast.alerts[0]!.title).toBe("Delete Tiny Hub Planner?");
    await r.until(() => mockRaycast.toast?.title === "Deleted Tiny Hub Planner", "the toast");
  });

  test("a disk check that fails shows a failure toast, not an unhandled rejection", async () => {
    const s = services();
    s.store.inspect = async () => {
      throw new Error("EACCES: permission denied, open '/models'");
    };
    const r = await render(withServices(s, <ModelsCommand />));
    await r.until(() => mockRaycast.toasts.some((t) => t.title === "Could Not Check the Models"), "the failure toast");
    expect(mockRaycast.toast).toMatchObject({ style: "failure", message: "EACCES: permission denied, open '/models'" });
    expect(r.one("List").props.isLoading).toBe(false);
  });

  test("the planner is chosen in one place, the preference: this view shows it and links there", async () => {
    const s = testServices({ manifest, embeddedDir: dir, preferences: { plannerModel: "tiny-hub" } });
    const r = await render(withServices(s, <ModelsCommand />));
    await r.until(() => r.one("List").props.isLoading === false, "the models' states");
    expect(inUse(r, "tiny-hub")).toBe(true);
    expect(inUse(r, "tiny-embedded")).toBe(false);
    expect(r.actionTitles(row(r, "tiny-embedded"))).not.toContain("Use for Planning");
    await r.trigger("Choose Planner in Preferences", row(r, "tiny-embedded"));
    expect(mockRaycast.openedPreferences).toBe(1);
  });
});

describe("Ask TinyAgent with a real planner model", () => {
  test("tasks stream in from the model and the plan is ready to run", async () => {
    const s = services();
    const r = await render(withServices(s, <AskCommand arguments={{ query: "Text Sid that the Q3_report.pdf is late" }} />));
    await r.until(
      () => r.all("Action", (p) => p.title === "Run Plan").length > 0 && r.one("List").props.isLoading === false,
      "the plan",
      60_000,
    );
    // Ten lookups written; the repeats among them are merged, so each task is a different call.
    const items = r.all("List.Item", (p) => String(p.id).startsWith("task-"));
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(10);
    expect(new Set(items.map((i) => `${i.props.title}|${i.props.subtitle}`)).size).toBe(items.length);
    // A fixed-ranking model: it looks up one of the request's values (the grammar allows nothing else).
    expect(items[0]!.props.title).toMatch(/^Look Up (Sid|Q3_report\.pdf|the Q3_report\.pdf is late)'s Email Address$/);
    expect(r.all("Action", (p) => p.title === "Run Plan").length).toBeGreaterThan(0);
  });

  test("a planner that is not downloaded: Download Model fetches it with progress, then the request is planned", async () => {
    const s = testServices({ manifest, embeddedDir: dir, hubEndpoint: hub.endpoint, preferences: { plannerModel: "tiny-hub" } });
    const r = await render(withServices(s, <AskCommand arguments={{ query: "Text Sid that the Q3_report.pdf is late" }} />));
    await r.until(() => r.all("List.Item", (p) => p.id === "error").length === 1, "the error");
    expect(r.one("List.Item", (p) => p.id === "error").props.subtitle).toMatch(/Tiny Hub Planner is not downloaded yet/);
    await r.trigger(
      "Download Model",
      r.one("List.Item", (p) => p.id === "error"),
    );
    await r.until(() => r.all("Action", (p) => p.title === "Run Plan").length > 0, "the plan after the download", 60_000);
    expect(mockRaycast.toasts.map((t) => t.title)).toEqual(expect.arrayContaining(["Could Not Plan", "Downloaded Tiny Hub Planner"]));
    expect(r.all("List.Item", (p) => p.id === "error")).toHaveLength(0);
  });
});
