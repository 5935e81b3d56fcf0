import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { memoryIO } from "../support/memoryIO";

// Usage and refusals of `npm run engine`; the commands' real work is in tests/engines/realEngines.test.ts.
const dir = mkdtempSync(join(tmpdir(), "tinyagent-engine-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run engine", () => {
  test("without a subcommand prints the usage and exits 2", async () => {
    const m = memoryIO();
    expect(await main(["engine"], m.io)).toBe(2);
    expect(m.stdout()).toContain("npm run engine -- install --dir <path>");
  });

  test("an unknown subcommand is a usage error", async () => {
    const m = memoryIO();
    expect(await main(["engine", "remove"], m.io)).toBe(2);
    expect(m.stderr()).toContain('unknown engine command "remove"');
  });

  test("install needs --dir", async () => {
    const m = memoryIO();
    expect(await main(["engine", "install"], m.io)).toBe(2);
    expect(m.stderr()).toBe("error: --dir <path> is required");
  });

  test("install for a platform the lock does not know says which it knows", async () => {
    const m = memoryIO();
    expect(await main(["engine", "install", "--dir", dir, "--platform", "win32-x64"], m.io)).toBe(2);
    expect(m.stderr()).toContain("not available for win32-x64 (available: darwin-arm64, darwin-x64, linux-x64)");
  });

  test("check on a folder without an installation says how to make one", async () => {
    const m = memoryIO();
    expect(await main(["engine", "check", "--dir", dir], m.io)).toBe(2);
    expect(m.stderr()).toContain("holds no whole engine installation");
    expect(m.stderr()).toContain("npm run engine -- install --dir");
  });

  test("check rejects a heap size that is not a whole number", async () => {
    const m = memoryIO();
    expect(await main(["engine", "check", "--heap-mb", "lots"], m.io)).toBe(2);
    expect(m.stderr()).toContain('--heap-mb takes a positive whole number, not "lots"');
  });
});
