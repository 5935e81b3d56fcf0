import { PassThrough } from "node:stream";
import { askOn } from "../../src/cli/io";

/** A stand-in for standard input holding `text`, ended (closed) when `end` is true. */
function input(text: string, end = true) {
  const stream = new PassThrough();
  stream.write(text);
  if (end) stream.end();
  return stream;
}

describe("askOn (the terminal question)", () => {
  const output = () => new PassThrough();

  test("a piped answer is read, with or without a newline", async () => {
    await expect(askOn(input("y\n"), output(), "Run? ")).resolves.toBe("y");
    await expect(askOn(input("yes"), output(), "Run? ")).resolves.toBe("yes");
    await expect(askOn(input("n\ny\n"), output(), "Run? ")).resolves.toBe("n");
  });

  test("closed standard input is no answer (undefined), not a question that never settles", async () => {
    await expect(askOn(input(""), output(), "Run? ")).resolves.toBeUndefined();
    const later = input("", false);
    const asked = askOn(later, output(), "Run? ");
    later.end();
    await expect(asked).resolves.toBeUndefined();
  });

  test("standard input already read to its end (a request given with -) is no answer", async () => {
    const stdin = input("Text Sid hi\n");
    for await (const _ of stdin); // read to the end, as `npm start -- -` does
    const out = output();
    await expect(askOn(stdin, out, "Run? ")).resolves.toBeUndefined();
    expect(out.read()?.toString()).toBe("Run? \n");
  });
});
