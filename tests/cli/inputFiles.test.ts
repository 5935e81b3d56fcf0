import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputFile } from "../../src/cli/inputFiles";

const dir = mkdtempSync(join(tmpdir(), "tinyagent-input-"));

describe("readInputFile (files named on the command line)", () => {
  test("reads a text file, dropping a UTF-8 byte order mark", async () => {
    const path = join(dir, "plan.txt");
    writeFileSync(path, "\uFEFF1. join()\n");
    await expect(readInputFile(path, "plan file", 1000)).resolves.toBe("1. join()\n");
  });

  test("a device, a folder, a missing file and a file over the limit are refused at once, by name", async () => {
    const started = performance.now();
    await expect(readInputFile("/dev/urandom", "plan file", 1_000_000)).rejects.toThrow(
      "the plan file /dev/urandom is not a file but a character device: give the path of a text file",
    );
    await expect(readInputFile("/dev/zero", "plan file", 1_000_000)).rejects.toThrow(/not a file but a character device/);
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(readInputFile(dir, "plan file", 1000)).rejects.toThrow(`the plan file ${dir} is a folder: give the path of a text file`);
    await expect(readInputFile(join(dir, "nope"), "plan file", 1000)).rejects.toThrow(/cannot read the plan file .*nope: ENOENT/);
    const big = join(dir, "big.txt");
    writeFileSync(big, "x".repeat(2001));
    await expect(readInputFile(big, "plan file", 2000)).rejects.toThrow(
      `the plan file ${big} is larger than 2.00 kB, more than TinyAgent reads as a plan file`,
    );
    await expect(readInputFile(big, "request file", 2000, () => new Error("too long"))).rejects.toThrow("too long");
  });

  // A pipe (bash's <(…), /dev/stdin) has no size until it ends: it is read up to the limit.
  (process.platform === "win32" ? test.skip : test)("a pipe is read, and refused once it passes the limit", async () => {
    const fifo = (name: string, text: string) => {
      const path = join(dir, name);
      expect(spawnSync("mkfifo", [path]).status).toBe(0);
      // The reader stops at the limit: the writer's broken pipe is expected.
      createWriteStream(path)
        .on("error", () => {})
        .end(text);
      return path;
    };
    await expect(readInputFile(fifo("ok.fifo", "1. join()\n"), "plan file", 1000)).resolves.toBe("1. join()\n");
    await expect(readInputFile(fifo("big.fifo", "x".repeat(200_000)), "plan file", 100_000)).rejects.toThrow(/larger than 100 kB/);
  });
});
