import fc from "fast-check";
import { formatPythonLiteral, MAX_NESTING, parsePythonLiteral } from "../../src/agent/plan/pythonLiteral";
import { pyValue } from "../support/arbitraries";

const parse = (text: string) => {
  const r = parsePythonLiteral(text);
  if (!r.ok) throw new Error(`${r.error.message} at ${r.error.column}`);
  return r.value;
};
const errorOf = (text: string) => {
  const r = parsePythonLiteral(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
};

describe("Python literals", () => {
  test.each([
    [`"Sid"`, "Sid"],
    [`'it\\'s'`, "it's"],
    [`"say \\"hi\\""`, 'say "hi"'],
    [`'tab\\there\\nnext'`, "tab\there\nnext"],
    [`"caf\\xe9 \\u00e9 \\U0001F600"`, "café é 😀"],
    [`"\\101"`, "A"],
    [`"keeps \\d unknown escapes"`, "keeps \\d unknown escapes"],
    [`r"C:\\new"`, "C:\\new"],
    [`u"x"`, "x"],
    [`"a" 'b'`, "ab"],
    [`"Zoë, José, Nguyễn, 東京"`, "Zoë, José, Nguyễn, 東京"],
  ])("string %s", (src, expected) => expect(parse(src)).toBe(expected));

  test.each([
    ["42", 42],
    ["-7", -7],
    ["3.5", 3.5],
    ["1e3", 1000],
    ["1_000", 1000],
    ["0x1F", 31],
    [".5", 0.5],
  ])("number %s", (src, expected) => expect(parse(src)).toBe(expected));

  test("names and containers", () => {
    expect(parse("None")).toBeNull();
    expect(parse("True")).toBe(true);
    expect(parse("False")).toBe(false);
    expect(parse(`["$1", "b", [1, None]]`)).toEqual(["$1", "b", [1, null]]);
    expect(parse(`("a", "b",)`)).toEqual(["a", "b"]);
    expect(parse("[]")).toEqual([]);
  });

  test("errors say where and why", () => {
    expect(errorOf(`"unterminated`)).toMatchObject({ column: 1, message: expect.stringMatching(/unterminated string/) });
    expect(errorOf(`["a", "b"`)).toMatchObject({ column: 1, message: expect.stringMatching(/unclosed list/) });
    expect(errorOf(`["a" "b" 3]`)).toMatchObject({ message: expect.stringMatching(/expected ',' or ']'/) });
    expect(errorOf(`Sid`)).toMatchObject({ column: 1, message: expect.stringMatching(/must be quoted/) });
    expect(errorOf(`{"a": 1}`).message).toMatch(/dicts/);
    expect(errorOf(`"\\x4"`).message).toMatch(/2 hex digits/);
    expect(errorOf(`"a" extra`)).toMatchObject({ column: 5 });
  });

  test("lists nested deeper than MAX_NESTING are a syntax error with its own code, not a stack overflow", () => {
    const nested = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}"+1555"${close.repeat(depth)}`;
    expect(parse(nested(MAX_NESTING))).toBeDefined();
    expect(errorOf(nested(MAX_NESTING + 1))).toMatchObject({ code: "nesting", column: MAX_NESTING + 1 });
    expect(errorOf(nested(MAX_NESTING + 1, "(", ")")).code).toBe("nesting");
    const deep = errorOf(nested(100_000));
    expect(deep).toMatchObject({ code: "nesting", message: expect.stringMatching(/nested more than 32 deep/) });
    // Depth is what is open at once, not how many lists a value has.
    expect(parse(`[${Array.from({ length: 1000 }, () => "[[1]]").join(", ")}]`)).toHaveLength(1000);
    expect(errorOf("[1 2]").code).toBe("syntax");
  });

  test("format then parse gives the value back (property)", () => {
    fc.assert(
      fc.property(pyValue, (v) => expect(parse(formatPythonLiteral(v))).toEqual(Object.is(v, -0) ? -0 : v)),
      { numRuns: 500 },
    );
  });

  test("formatted strings stay on one line", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => expect(formatPythonLiteral(s)).not.toMatch(/[\n\r\u2028\u2029\u0085]/)));
  });
});
