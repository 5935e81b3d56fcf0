import type { ReactElement } from "react";
import { ServicesContext } from "../../src/commands/hooks/useServices";
import HistoryCommand from "../../src/history";
import type { HistoryEntry } from "../../src/agent/runSession";
import { mockRaycast } from "../mocks/raycast-api";
import { cleanup, render } from "../support/render";
import { testServices, type TestServices } from "../support/testServices";
import { SAMPLE_PLAN } from "./samplePlan";

beforeEach(() => mockRaycast.reset());
afterEach(() => cleanup());

const withServices = (s: TestServices, element: ReactElement) => <ServicesContext.Provider value={s}>{element}</ServicesContext.Provider>;
const entry = (id: string, query: string, outcome: HistoryEntry["outcome"]): HistoryEntry => ({
  id,
  query,
  planText: SAMPLE_PLAN,
  outcome,
  summary: outcome === "done" ? "4 done." : "3 done, 1 failed.",
  ranAt: "2026-11-22T10:00:00.000Z",
  tasks: 4,
});

async function historyWith(...entries: HistoryEntry[]) {
  const services = testServices();
  for (const e of [...entries].reverse()) await services.history.add(e);
  const r = await render(withServices(services, <HistoryCommand />));
  await r.until(() => r.one("List").props.isLoading === false, "the history");
  return { r, services };
}

describe("History", () => {
  test("lists recent runs with their outcome and time; the detail shows the plan", async () => {
    const { r } = await historyWith(entry("a", "Invite Sid", "done"), entry("b", "Text Lutfi", "failed"));
    const items = r.all("List.Item");
    expect(items.map((i) => i.props.title)).toEqual(["Invite Sid", "Text Lutfi"]);
    expect(items[1]!.props.icon).toEqual({ source: "XMarkCircle", tintColor: "red" });
    expect(items[0]!.props.accessories).toEqual([{ date: new Date("2026-11-22T10:00:00.000Z"), tooltip: expect.any(String) }]);
    expect(items[0]!.findByType("List.Item.Detail" as never).props.markdown).toContain('3. create_calendar_event("Project Sync"');
    expect(r.actionTitles(items[0]!)).toEqual([
      "Open Plan",
      "Plan Again",
      "Save as Quicklink",
      "Copy Plan",
      "Delete Entry",
      "Clear History",
    ]);
    expect((r.action("Save as Quicklink", items[0]).props.quicklink as { link: string }).link).toContain(
      encodeURIComponent('{"query":"Invite Sid"}'),
    );
  });

  test("Open Plan shows the stored plan, ready to run again", async () => {
    const { r, services } = await historyWith(entry("a", "Invite Sid", "done"));
    const ask = await render(withServices(services, r.action("Open Plan").props.target as ReactElement));
    await ask.until(() => ask.one("List").props.isLoading === false, "the plan");
    expect(ask.all("List.Item", (p) => String(p.id).startsWith("task-"))).toHaveLength(4);
    expect(ask.all("Action", (p) => p.title === "Run Plan").length).toBeGreaterThan(0);
  });

  test("delete one entry; clear all after a confirmation", async () => {
    const { r, services } = await historyWith(entry("a", "Invite Sid", "done"), entry("b", "Text Lutfi", "failed"));
    await r.trigger(
      "Delete Entry",
      r.one("List.Item", (p) => p.id === "a"),
    );
    await r.until(() => r.all("List.Item").length === 1, "the deletion");
    await r.trigger("Clear History");
    expect(mockRaycast.alerts[0]!.title).toBe("Clear History?");
    await r.until(() => r.all("List.Item").length === 0, "the cleared list");
    expect(await services.history.list()).toEqual([]);
    expect(r.one("List.EmptyView").props.title).toBe("No Runs Yet");
  });
});
