import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReactElement } from "react";
import { formatBytes } from "../../src/core/util/formatBytes";
import { AskView } from "../../src/commands/ask/AskView";
import { ServicesContext } from "../../src/commands/hooks/useServices";
import { mockRaycast } from "../mocks/raycast-api";
import { fakeLock, fakePackage, startFakeRegistry, type FakeRegistry } from "../support/fakeRegistry";
import { cleanup, render, type Rendered } from "../support/render";
import { shortcutClashes } from "../support/shortcuts";
import { testServices, type TestServices } from "../support/testServices";

// The first run in Raycast: the engines are not installed. The real installer runs against a local
// stand-in for the npm registry (a test double: tests cannot use the real one) serving small fake
// engine packages; planning itself uses the project's engines and the shipped models.

const PLATFORM = "test-x64";
const PACKAGES = [
  fakePackage("node_modules/node-llama-cpp", { "dist/index.js": "export const llama = 1;\n", "weights.bin": Buffer.alloc(300_000, 3) }),
  fakePackage("node_modules/onnxruntime-node", { "dist/index.js": "export const onnx = 1;\n" }),
];
const LOCK = fakeLock(PACKAGES, PLATFORM, ["node-llama-cpp", "onnxruntime-node"]);

let registry: FakeRegistry;
let dir: string;

beforeEach(async () => {
  mockRaycast.reset();
  registry = await startFakeRegistry(PACKAGES);
  dir = mkdtempSync(join(tmpdir(), "tinyagent-first-run-"));
});
afterEach(async () => {
  await cleanup();
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

const firstRunServices = () => testServices({ engines: { dir, options: { platform: PLATFORM, lock: LOCK, registry: registry.url } } });
const withServices = (services: TestServices, element: ReactElement) => (
  <ServicesContext.Provider value={services}>{element}</ServicesContext.Provider>
);
const consent = (r: Rendered) => r.all("List.Item", (p) => p.id === "engines");
const tasks = (r: Rendered) => r.all("List.Item", (p) => String(p.id).startsWith("task-"));

async function askFirstRun(services: TestServices) {
  const r = await render(withServices(services, <AskView query="Text Sid that I'm running late" />));
  await r.until(() => consent(r).length === 1, "the install consent");
  return r;
}

describe("first run: the on-device engines", () => {
  test("a request asks before installing: what, how big, what closing the window does; nothing is fetched before Install", async () => {
    const r = await askFirstRun(firstRunServices());
    const item = consent(r)[0]!;
    expect(item.props.title).toBe("Install the On-Device Engines");
    expect(item.props.subtitle).toBe(`${formatBytes(PACKAGES.reduce((sum, p) => sum + p.tarball.length, 0))}, once`);
    const markdown = item.findByType("List.Item.Detail" as never).props.markdown as string;
    expect(markdown).toContain("node-llama-cpp and onnxruntime-node");
    expect(markdown).toContain("if it closes, the install stops, nothing is kept");
    expect(r.actionTitles(item).slice(0, 2)).toEqual(["Install Engines", "Cancel"]);
    expect(shortcutClashes(r.renderer.root)).toEqual([]);
    expect(registry.requests).toEqual([]);
    expect(tasks(r)).toHaveLength(0);
    expect(r.one("List").props.isLoading).toBe(false);
  });

  test("Install shows progress in a toast, then the request is planned", async () => {
    const r = await askFirstRun(firstRunServices());
    await r.trigger("Install Engines", consent(r)[0]!);
    await r.until(() => tasks(r).length > 0 && r.one("List").props.isLoading === false, "the plan after the install", 60_000);
    const toast = mockRaycast.toasts.find((t) => t.title === "On-Device Engines Installed");
    expect(toast).toMatchObject({ style: "success" });
    expect(registry.requests).toHaveLength(2);
    expect(existsSync(join(dir, "node_modules", "node-llama-cpp", "dist", "index.js"))).toBe(true);
    expect(consent(r)).toHaveLength(0);
  });

  test("Cancel in the toast stops the installer: nothing is kept and the consent comes back; Cancel before it leaves", async () => {
    registry.stall("node-llama-cpp");
    const r = await askFirstRun(firstRunServices());
    await r.trigger("Install Engines", consent(r)[0]!);
    await r.until(() => registry.requests.length === 2 && r.all("Action", (p) => p.title === "Cancel Install").length > 0, "the install");
    const toast = mockRaycast.toasts.find((t) => t.title === "Installing On-Device Engines")!;
    expect(toast.style).toBe("animated");
    toast.primaryAction!.onAction(toast);
    await r.until(() => consent(r).length === 1, "the consent again");
    expect(toast).toMatchObject({ style: "failure", title: "Engines Not Installed" });
    const markdown = consent(r)[0]!.findByType("List.Item.Detail" as never).props.markdown as string;
    expect(markdown).toContain("**The install was stopped\\; nothing was kept\\.**");
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    expect(tasks(r)).toHaveLength(0);

    await r.trigger("Cancel", consent(r)[0]!);
    expect(mockRaycast.poppedToRoot).toBe(1);
  });
});
