import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ExampleBank } from "./exampleBank";

/** In-context examples shipped with the project (made from its training data), for the TinyAgent prompt. */
export const DEFAULT_EXAMPLE_BANK_PATH = join(__dirname, "..", "..", "..", "assets", "models", "example-bank.jsonl");

const LineSchema = z.object({ query: z.string(), plan: z.string() });
let bank: Promise<ExampleBank | undefined> | undefined;

/** The shipped example bank, or undefined when there is none (the prompt then has no examples). */
export function loadDefaultExampleBank(path = DEFAULT_EXAMPLE_BANK_PATH): Promise<ExampleBank | undefined> {
  bank ??= readFile(path, "utf8").then(
    (text) =>
      new ExampleBank(
        text
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => LineSchema.parse(JSON.parse(l))),
      ),
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    },
  );
  return bank;
}
