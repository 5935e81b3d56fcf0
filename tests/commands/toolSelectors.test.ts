import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClassifierSelector } from "../../src/agent/classifierSelector";
import { loadManifest } from "../../src/agent/models/manifest";
import { ModelStore } from "../../src/agent/models/modelStore";
import { TOOL_NAMES } from "../../src/core/tools/names";
import { toolsOfApps } from "../../src/tools/catalog";
import { planRequest } from "../../src/commands/ask/askFlow";
import type { FlowEvent } from "../../src/commands/ask/askState";
import { PlanLookups } from "../../src/commands/ask/planLookups";
import { raycastServices } from "../../src/commands/raycastServices";
import { toolSelectors } from "../../src/commands/toolSelectors";
import { readManifest } from "../../src/cli/modelLocations";
import { manifestWithPlanner } from "../support/testManifest";
import { testServices } from "../support/testServices";
import { rankingModel } from "../support/tinyModel";
import { ENGINE_MODULES } from "../../src/engines/engineLoader";

const MODELS = join(__dirname, "..", "..", "assets", "models");

describe("one tool selector per set of enabled tools", () => {
  test("the same set (in any order) gets the same selector; another set its own", () => {
    const selectorFor = toolSelectors({ manifest: loadManifest(), store: new ModelStore(tmpdir(), MODELS, ENGINE_MODULES) });
    const mail = toolsOfApps(["Mail", "Contacts"]);
    expect(selectorFor(mail)).toBe(selectorFor([...mail].reverse()));
    expect(selectorFor(mail)).not.toBe(selectorFor(TOOL_NAMES));
    const services = raycastServices();
    expect(services.toolSelector(TOOL_NAMES)).toBe(services.toolSelector([...TOOL_NAMES]));
  });

  test("two requests open the real classifier once", async () => {
    // A tiny planner (never asked: the classifier finds nothing to do) next to the real classifier.
    const { manifest, embeddedDir } = await readManifest(manifestWithPlanner(rankingModel("ab").path, { classifier: true }));
    const services = testServices({ manifest, embeddedDir });
    const loads = jest.spyOn(ClassifierSelector, "load");
    try {
      for (const query of ["What's the weather like in Berkeley?", "And tomorrow?"]) {
        const events: FlowEvent[] = [];
        await planRequest(query, services, (e) => events.push(e), { signal: new AbortController().signal, lookups: new PlanLookups() });
        expect(events.at(-1)).toMatchObject({ type: "planned", result: { planText: "1. join()" } });
      }
      expect(loads).toHaveBeenCalledTimes(1);
    } finally {
      loads.mockRestore();
    }
  });
});

describe("a request no tool serves", () => {
  test("is answered without a planner model: nothing to download, nothing to load", async () => {
    // The bundled manifest's planner (TinyAgent 1.1B) is not downloaded in the test services.
    const services = testServices();
    const events: FlowEvent[] = [];
    await planRequest("What's the weather like in Berkeley?", services, (e) => events.push(e), {
      signal: new AbortController().signal,
      lookups: new PlanLookups(),
    });
    expect(events.at(-1)).toMatchObject({ type: "planned", result: { planText: "1. join()" } });
    expect(events.some((e) => e.type === "stage" && e.stage === "model")).toBe(false);
  });
});
