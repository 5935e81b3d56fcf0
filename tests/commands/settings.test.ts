import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AgentError } from "../../src/core/errors";
import { findModel, loadManifest, parseManifest } from "../../src/agent/models/manifest";
import type { ModelStatus } from "../../src/agent/models/modelStore";
import { AppSchema } from "../../src/core/tools/names";
import { fixFor } from "../../src/commands/errorFixes";
import { outcomeOf, type HistoryEntry, ConfirmationPolicySchema } from "../../src/agent/runSession";
import { HistoryStore } from "../../src/commands/history/historyStore";
import { modelRow } from "../../src/commands/models/modelRows";
import { choosePlanner } from "../../src/commands/models/plannerChoice";
import { downloadProgressText, engineProgressText } from "../../src/commands/progressText";
import { appPreferenceKey, parsePreferences } from "../../src/commands/settings";
import { memoryStorage } from "../support/testServices";

const packageJson = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
const preference = (name: string) => packageJson.preferences.find((p: { name: string }) => p.name === name);

describe("preferences", () => {
  test("defaults: side-effects confirmation, every app, no planner named (the manifest's default)", () => {
    expect(parsePreferences({})).toEqual({ confirmation: "sideEffects", enabledApps: AppSchema.options });
    expect(parsePreferences({ plannerModel: "" }).plannerModel).toBeUndefined();
  });

  test("values are read and checked", () => {
    const s = parsePreferences({
      plannerModel: "tinyagent-7b-q4_k_m",
      confirmation: "never",
      appMessages: false,
      appZoom: false,
      zoomToken: " tok ",
      customInstructions: "Meetings last 30 minutes.",
      threads: "4",
    });
    expect(s).toEqual({
      plannerModel: "tinyagent-7b-q4_k_m",
      confirmation: "never",
      enabledApps: AppSchema.options.filter((a) => a !== "Messages" && a !== "Zoom"),
      zoomToken: "tok",
      customInstructions: "Meetings last 30 minutes.",
      threads: 4,
    });
    expect(() => parsePreferences({ threads: "lots" })).toThrow(AgentError);
    expect(() => parsePreferences({ threads: "lots" })).toThrow(/“CPU Threads” must be a whole number/);
  });

  test("package.json declares every preference the settings read, with the manifest's planners", () => {
    expect(
      preference("confirmation")
        .data.map((d: { value: string }) => d.value)
        .sort(),
    ).toEqual([...ConfirmationPolicySchema.options].sort());
    for (const app of AppSchema.options)
      expect(preference(appPreferenceKey(app))).toMatchObject({ type: "checkbox", label: app, default: true });
    // A planner that cannot be downloaded yet (no pinned hash) is not offered.
    const planners = loadManifest().models.filter((m) => m.role === "planner" && m.unavailable === undefined);
    expect(preference("plannerModel").data.map((d: { value: string }) => d.value)).toEqual(planners.map((m) => m.id));
    expect(preference("plannerModel").default).toBe("tinyagent-embedded-planner");
    expect(preference("plannerModel").data.map((d: { title: string }) => d.title)).toEqual(planners.map((m) => m.title));
    expect(preference("zoomToken").type).toBe("password");
    for (const p of packageJson.preferences.filter((p: { type: string }) => p.type === "textfield")) expect(p.placeholder).toBeTruthy();
    expect(packageJson.commands.map((c: { name: string }) => c.name)).toEqual(["ask", "models", "history"]);
  });
});

describe("planner choice", () => {
  const manifest = loadManifest();
  test("the preference, else the manifest's default; ids that are not planners (the old “managed”) are passed over", () => {
    expect(choosePlanner(manifest, undefined)).toMatchObject({ entry: { id: "tinyagent-embedded-planner" }, fromPreference: false });
    expect(choosePlanner(manifest, "tinyagent-7b-q4_k_m")).toMatchObject({ entry: { id: "tinyagent-7b-q4_k_m" }, fromPreference: true });
    expect(choosePlanner(manifest, "managed")).toMatchObject({ entry: { id: "tinyagent-embedded-planner" }, fromPreference: false });
    expect(choosePlanner(manifest, "value-tagger")).toMatchObject({ fromPreference: false });
    expect(() => choosePlanner(parseManifest({ models: [] }, "test"), undefined)).toThrow(/lists no planner/);
  });
});

describe("history store", () => {
  const entry = (id: string): HistoryEntry => ({
    id,
    query: `q${id}`,
    planText: "1. join()",
    outcome: "done",
    summary: "Nothing to do.",
    ranAt: "2026-11-22T10:00:00.000Z",
    tasks: 0,
  });
  test("newest first, capped, removable, cleared; unreadable entries are dropped", async () => {
    const storage = memoryStorage();
    const history = new HistoryStore(storage, 3);
    for (const id of ["1", "2", "3", "4"]) await history.add(entry(id));
    expect((await history.list()).map((e) => e.id)).toEqual(["4", "3", "2"]);
    await history.remove("3");
    expect((await history.list()).map((e) => e.id)).toEqual(["4", "2"]);
    storage.map.set("history", JSON.stringify([entry("5"), { id: "bad" }]));
    expect((await history.list()).map((e) => e.id)).toEqual(["5"]);
    storage.map.set("history", "not json");
    expect(await history.list()).toEqual([]);
    await history.clear();
    expect(storage.map.has("history")).toBe(false);
  });
  test("outcome of a run", () => {
    expect(outcomeOf(["succeeded", "succeeded"])).toBe("done");
    expect(outcomeOf(["succeeded", "failed", "skipped"])).toBe("failed");
    expect(outcomeOf(["succeeded", "cancelled"])).toBe("cancelled");
  });
});

describe("model rows", () => {
  const entry = findModel(loadManifest(), "tinyagent-1.1b-q4_k_m")!;
  const status = (state: ModelStatus["state"], bytesOnDisk = 0): ModelStatus => ({
    id: entry.id,
    state,
    path: "/m",
    bytesOnDisk,
    verified: false,
  });
  test("state, size and the actions each state offers", () => {
    expect(modelRow(entry, status("not-downloaded"), { inUse: true })).toMatchObject({
      subtitle: "668 MB · planner",
      stateLabel: "Not Downloaded",
      canDownload: true,
      downloadTitle: "Download",
      canDelete: false,
      license: "MIT",
    });
    expect(modelRow(entry, status("partial", 334_000_000), { inUse: false })).toMatchObject({
      subtitle: "334 MB of 668 MB · planner",
      downloadTitle: "Resume Download",
      canDelete: true,
    });
    expect(modelRow(entry, status("downloaded"), { inUse: false, progress: "42%" })).toMatchObject({
      stateLabel: "Downloading",
      canDownload: false,
      canDelete: false,
    });
    // A model the manifest lists but cannot download yet (no pinned hash) offers no download, and says why.
    const unavailable = { ...entry, sha256: null, unavailable: "its SHA-256 is not pinned yet" };
    expect(modelRow(unavailable, status("not-downloaded"), { inUse: false })).toMatchObject({
      canDownload: false,
      problem: "Not available: its SHA-256 is not pinned yet",
    });
    expect(modelRow(entry, status("embedded"), { inUse: false })).toMatchObject({
      stateLabel: "Bundled",
      canDelete: false,
      canDownload: false,
    });
    expect(modelRow(entry, status("corrupt"), { inUse: false })).toMatchObject({
      stateLabel: "Damaged",
      stateColor: "red",
      canDownload: true,
    });
  });
});

describe("errors and progress text", () => {
  test("each error offers the fix that helps", () => {
    expect(fixFor("model_not_downloaded")?.title).toBe("Download Model");
    expect(fixFor("model_unavailable")?.title).toBe("Open Preferences");
    expect(fixFor("not_authorized", "send_sms")?.title).toBe("Open Automation Settings");
    expect(fixFor("not_authorized", "get_zoom_meeting_link")?.title).toBe("Open Preferences");
    expect(fixFor("no_token")?.title).toBe("Open Preferences");
    expect(fixFor("bad_preferences")?.kind).toBe("open-preferences");
    expect(fixFor("engine_load")?.kind).toBe("retry");
    expect(fixFor("not_found")).toBeUndefined();
  });
  test("engine and download progress", () => {
    expect(
      engineProgressText({ phase: "downloading", packagesDone: 3, packagesTotal: 82, bytesDone: 42_000_000, bytesTotal: 155_000_000 }),
    ).toBe("27% · 42.0 MB of 155 MB");
    const quarter = { phase: "downloading" as const, packagesDone: 3, packagesTotal: 82, bytesDone: 38_750_000, bytesTotal: 155_000_000 };
    expect(engineProgressText(quarter, 20_000)).toBe("25% · 38.8 MB of 155 MB · 1 min 0 s left");
    expect(engineProgressText(quarter, 1_000)).toBe("25% · 38.8 MB of 155 MB");
    expect(
      downloadProgressText({
        phase: "downloading",
        bytes: 280_560_000,
        totalBytes: 668_000_000,
        bytesPerSecond: 12_300_000,
        etaSeconds: 31,
      }),
    ).toBe("42% · 12.3 MB/s · 31 s left");
    expect(downloadProgressText({ phase: "verifying", bytes: 1, totalBytes: 2 })).toBe("Checking the file… 50%");
  });
});
