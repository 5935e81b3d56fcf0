import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ToolImplementations } from "../../src/tools/toolContract";
import { loadManifest, type Manifest } from "../../src/agent/models/manifest";
import { downloadModel } from "../../src/agent/models/modelDownload";
import { ModelStore } from "../../src/agent/models/modelStore";
import { parseLocalDateTime } from "../../src/core/time/localDateTime";
import { macTools } from "../../src/tools/macTools";
import { DRY_RUN } from "../../src/applescript/runner";
import { HistoryStore } from "../../src/commands/history/historyStore";
import type { Services } from "../../src/commands/services";
import { engineProgressText } from "../../src/commands/progressText";
import { parsePreferences } from "../../src/commands/settings";
import { toolSelectors } from "../../src/commands/toolSelectors";
import type { KeyValueStorage } from "../../src/commands/storage";
import { engineInstallNeeded, ensureEngines, type EngineInstallOptions } from "../../src/engines/engineInstaller";
import { recordingTools, type Call } from "./recordingTools";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";

/** Test double for Raycast's LocalStorage (which exists only inside Raycast): a Map. */
export function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: async (key) => map.get(key),
    setItem: async (key, value) => void map.set(key, value),
    removeItem: async (key) => void map.delete(key),
  };
}

export const TEST_NOW = parseLocalDateTime("2026-11-22 10:00:00")!.value;

export interface TestServices extends Services {
  storage: KeyValueStorage & { map: Map<string, string> };
  calls: Call[];
  preferences: Record<string, unknown>;
}

/**
 * The commands' services for tests: the real manifest, model store, planner path and dry-run
 * previews; test doubles only for what cannot run here — osascript (recordingTools, answering
 * lookups from `contacts`) and LocalStorage (a Map). Engines load from the project (no install).
 */
export function testServices(
  options: {
    manifest?: Manifest;
    embeddedDir?: string;
    preferences?: Record<string, unknown>;
    contacts?: Record<string, string>;
    tools?: { tools: ToolImplementations; calls: Call[] };
    hubEndpoint?: string;
    /**
     * Engines installed by the real installer into `dir` from a stand-in registry (the first-run
     * consent); without it the engines load from the project and nothing needs installing.
     */
    engines?: { dir: string; options: EngineInstallOptions };
  } = {},
): TestServices {
  const storage = memoryStorage();
  const contacts = options.contacts ?? { Sid: "sid@example.com", Lutfi: "lutfi@example.com" };
  const recorded =
    options.tools ??
    recordingTools({
      delayMs: 5,
      result: (tool, args) => {
        if (tool === "get_email_address" || tool === "get_phone_number") {
          const found = contacts[args.name as string];
          if (found === undefined) throw new Error(`No contact named “${String(args.name)}” in Contacts.`);
          return found;
        }
        return `${tool} done`;
      },
    });
  const store = new ModelStore(
    mkdtempSync(join(tmpdir(), "tinyagent-ui-models-")),
    // As in an installed extension: the shipped models (the classifier) are there; downloads are not.
    options.embeddedDir ?? join(__dirname, "../../assets/models"),
    ENGINE_MODULES,
  );
  const preferences = options.preferences ?? {};
  const manifest = options.manifest ?? loadManifest();
  return {
    manifest,
    store,
    storage,
    history: new HistoryStore(storage),
    calls: recorded.calls,
    preferences,
    readSettings: () => parsePreferences(preferences),
    enginesToInstall: async () => (options.engines ? engineInstallNeeded(options.engines.dir, options.engines.options) : undefined),
    prepareEngines: async (onProgress, signal) => {
      if (!options.engines) return;
      const started = Date.now();
      await ensureEngines(options.engines.dir, {
        ...options.engines.options,
        ...(signal ? { signal } : {}),
        onProgress: (p) => onProgress(engineProgressText(p, Date.now() - started)),
      });
    },
    examples: async () => undefined,
    toolSelector: toolSelectors({ manifest, store }),
    runTools: () => recorded.tools,
    previewTools: (settings) =>
      macTools({ runner: DRY_RUN, home: "/Users/you", zoom: settings.zoomToken ? { token: settings.zoomToken } : {} }),
    now: () => TEST_NOW,
    downloadModel: (entry, downloadOptions) => downloadModel(store, entry, { ...downloadOptions, hubEndpoint: options.hubEndpoint }),
  };
}
