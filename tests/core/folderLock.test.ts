import { lutimesSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { withFolderLock } from "../../src/core/folderLock";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "tinyagent-lock-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function staleLock(file = ".install.lock") {
  writeFileSync(join(dir, file), JSON.stringify({ token: "killed-installer" }));
  const old = new Date(Date.now() - 120_000);
  utimesSync(join(dir, file), old, old);
}

/** Runs contenders at once and returns the most that were ever inside the lock together. */
async function mostAtOnce(contenders: number, options: Parameters<typeof withFolderLock>[2] = {}): Promise<number> {
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: contenders }, () =>
      withFolderLock(
        dir,
        async () => {
          most = Math.max(most, ++inside);
          await sleep(15);
          inside--;
        },
        { pollMs: 5, ...options },
      ),
    ),
  );
  return most;
}

describe("folder lock", () => {
  test("one holder at a time, and nothing left behind", async () => {
    expect(await mostAtOnce(6)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("many waiters that find the same stale lock take it over one at a time", async () => {
    for (let round = 0; round < 30; round++) {
      staleLock();
      expect(await mostAtOnce(8, { staleMs: 60_000 })).toBe(1);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  test("a holder whose lock was taken over does not remove its successor's", async () => {
    const order: string[] = [];
    let successor: Promise<void> | undefined;
    await withFolderLock(
      dir,
      async () => {
        // This holder stalls past the stale time, so the next one takes over while it is still inside.
        const old = new Date(Date.now() - 120_000);
        utimesSync(join(dir, ".install.lock"), old, old);
        successor = withFolderLock(
          dir,
          async () => {
            order.push("successor in");
            await sleep(50);
            order.push("successor out");
          },
          { staleMs: 60_000, pollMs: 5 },
        );
        await sleep(20);
        order.push("stalled holder out");
      },
      { staleMs: 60_000 },
    );
    expect(readdirSync(dir)).toEqual([".install.lock"]);
    await successor;
    expect(order).toEqual(["successor in", "stalled holder out", "successor out"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a lock that is a dangling link is waited on and taken over once stale, not spun on", async () => {
    symlinkSync(join(dir, "nowhere"), join(dir, ".install.lock"));
    const old = new Date(Date.now() - 120_000);
    lutimesSync(join(dir, ".install.lock"), old, old);
    expect(await withFolderLock(dir, async () => "ran", { staleMs: 60_000, pollMs: 5 })).toBe("ran");
    expect(readdirSync(dir)).toEqual([]);
  });

  test("an abort while waiting stops waiting", async () => {
    const controller = new AbortController();
    const holder = withFolderLock(dir, () => sleep(100));
    await sleep(10);
    const waiter = withFolderLock(dir, async () => "ran", { signal: controller.signal, pollMs: 5 });
    controller.abort();
    await expect(waiter).rejects.toThrow();
    await holder;
  });
});
