import { environment, getPreferenceValues, LocalStorage } from "@raycast/api";
import { join } from "node:path";
import { loadManifest } from "../agent/models/manifest";
import { downloadModel } from "../agent/models/modelDownload";
import { ModelStore } from "../agent/models/modelStore";
import { loadDefaultExampleBank } from "../agent/prompt/defaultExampleBank";
import { fromDate } from "../core/time/localDateTime";
import { macTools } from "../tools/macTools";
import { DRY_RUN, osascriptRunner } from "../applescript/runner";
import type { InstallProgress } from "../engines/engineInstaller";
import { enginesToInstall, prepareEngines, useEngineDirectory, ENGINE_MODULES } from "../engines/engineLoader";
import { HistoryStore } from "./history/historyStore";
import { engineProgressText } from "./progressText";
import type { Services } from "./services";
import { parsePreferences, type Settings } from "./settings";
import { toolSelectors } from "./toolSelectors";

/** The embedded models and the example bank, committed under assets/models (what `ray build` ships). */
const assetModels = () => join(environment.assetsPath, "models");

const engineListeners = new Set<(p: InstallProgress) => void>();
let enginesConfigured = false;

/**
 * The engines live in the support folder (a Raycast extension can ship no native code); the
 * installer's progress goes to whichever view is waiting for it.
 */
function configureEngines(): void {
  if (enginesConfigured) return;
  enginesConfigured = true;
  useEngineDirectory(join(environment.supportPath, "engines"), { onProgress: (p) => engineListeners.forEach((l) => l(p)) });
}

const tools = (settings: Settings, dryRun: boolean) =>
  macTools({
    runner: dryRun || process.platform !== "darwin" ? DRY_RUN : osascriptRunner({ host: "Raycast" }),
    zoom: settings.zoomToken ? { token: settings.zoomToken } : {},
  });

let services: Services | undefined;

/** The commands' services inside Raycast: its preferences, LocalStorage, support and assets folders. */
export function raycastServices(): Services {
  if (services) return services;
  const store = new ModelStore(join(environment.supportPath, "models"), assetModels(), ENGINE_MODULES);
  const manifest = loadManifest();
  services = {
    manifest,
    store,
    storage: LocalStorage,
    history: new HistoryStore(LocalStorage),
    readSettings: () => parsePreferences(getPreferenceValues<Preferences>()),
    enginesToInstall: async () => {
      configureEngines();
      return enginesToInstall();
    },
    prepareEngines: async (onProgress, signal) => {
      configureEngines();
      const started = Date.now();
      const listener = (p: InstallProgress) => onProgress(engineProgressText(p, Date.now() - started));
      engineListeners.add(listener);
      try {
        await prepareEngines(signal);
      } finally {
        engineListeners.delete(listener);
      }
    },
    examples: () => loadDefaultExampleBank(join(assetModels(), "example-bank.jsonl")),
    toolSelector: toolSelectors({ manifest, store }),
    runTools: (settings) => tools(settings, false),
    previewTools: (settings) => tools(settings, true),
    now: () => fromDate(new Date()),
    downloadModel: (entry, options) => {
      configureEngines();
      return downloadModel(store, entry, options);
    },
  };
  return services;
}
