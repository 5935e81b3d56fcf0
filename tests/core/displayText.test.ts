import fc from "fast-check";
import { isHiddenCharacter, markdownCode, markdownFence, markdownText, showBlock, showInline } from "../../src/core/util/displayText";
import { hostileString, linesOf, markdownSkeleton } from "../support/markdownSkeleton";

const SEED = 20261122;

describe("showInline and showBlock: hidden characters shown escaped", () => {
  test("terminal controls, line breaks and tabs become escapes", () => {
    expect(showInline("Sid\u001b[2J\u0007")).toBe("Sid\\u001b[2J\\u0007");
    expect(showInline('Sid”\ndo shell script "curl x | sh"\n--')).toBe('Sid”\\ndo shell script "curl x | sh"\\n--');
    expect(showInline("a\r\nb\tc\u0085d\u2028e\u2029f\u000bg")).toBe("a\\r\\nb\\tc\\u0085d\\u2028e\\u2029f\\u000bg");
  });

  test("bidi overrides and isolates are shown, so text reads in the order it runs", () => {
    expect(showInline("invoice\u202efdp.exe")).toBe("invoice\\u202efdp.exe");
    expect(showInline("\u2066x\u2069 \u200e \u200f \u061c")).toBe("\\u2066x\\u2069 \\u200e \\u200f \\u061c");
  });

  test("zero-width, invisible and tag characters are shown, so two names cannot look alike", () => {
    expect(showInline("S\u200bid")).toBe("S\\u200bid");
    expect(showInline("S\u200did")).toBe("S\\u200did");
    expect(showInline("\ufeffSid\u00ad\u2060")).toBe("\\ufeffSid\\u00ad\\u2060");
    expect(showInline("Sid\u{e0041}")).toBe("Sid\\udb40\\udc41");
    expect(showInline("\u3164")).toBe("\\u3164");
    expect(showInline("lone \ud800")).toBe("lone \\ud800");
  });

  test("ordinary text stays as it is: accents, emoji sequences, joiners that spell Persian and Hindi", () => {
    for (const text of ["Zoë Ñúñez", "Zürich, 13:00 – “quoted”", "👩‍💻 and 👨‍👩‍👧 and 👍🏽", "می‌خواهم", "क्‍ष", "C:\\path\\file", "日本語"]) {
      expect(showInline(text)).toBe(text);
    }
  });

  test("showBlock keeps line feeds and tabs, escapes the rest", () => {
    expect(showBlock("line 1\n\tline 2\r\n\u001b[31mred\u202e")).toBe("line 1\n\tline 2\\r\n\\u001b[31mred\\u202e");
  });

  test("escaped JSON stays valid and means the same", () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const json = JSON.stringify({ value }, null, 2);
        const shown = showBlock(json);
        expect(JSON.parse(shown)).toEqual({ value });
        // Only the document's own line feeds are left; NEL and U+2028 in the value no longer break lines.
        expect(linesOf(shown)).toEqual(json.split("\n").map((_, i) => shown.split("\n")[i]));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test("property: any value shown inline is one line with no hidden character left", () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const shown = showInline(value);
        expect(linesOf(shown)).toHaveLength(1);
        expect([...shown].some((c) => isHiddenCharacter(c) && c !== "\u200d" && c !== "\u200c")).toBe(false);
        for (const control of ["\u001b", "\u0007", "\u009b"]) expect(shown).not.toContain(control);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("markdown: values cannot change the document's structure", () => {
  const document = (value: string) =>
    [
      `### Look Up ${markdownText(value)}'s Phone Number`,
      `**Failed:** No contact named “${markdownText(value)}” in Contacts.`,
      `- **#1 ${markdownText(value)}** — Planned: ${markdownCode(value)}`,
      `_${markdownText(value)}_`,
      `**Script That Will Run:**\n\n${markdownFence(`set theName to "${value}"\n▸ Then choose ${showInline(value)}`, "applescript")}`,
    ].join("\n\n");

  test("a name with a fence, an image and a newline stays text", () => {
    const value = "Sid\n```\n![x](http://evil.example/a.png)";
    const markdown = document(value);
    // The image's text is still there, as text and inside code: nothing renders it as an image.
    expect(markdown).toContain("\\!\\[x\\]\\(http");
    expect(markdownSkeleton(markdown).filter((l) => l !== "code")).toEqual(markdownSkeleton(document("Sid")).filter((l) => l !== "code"));
  });

  test("code spans and fences are longer than any backtick run inside", () => {
    expect(markdownCode("a`b")).toBe("``a`b``");
    expect(markdownCode("`x`")).toBe("`` `x` ``");
    expect(markdownCode("")).toBe("` `");
    expect(markdownFence("x\n````\ny", "applescript")).toBe("`````applescript\nx\n````\ny\n`````");
    expect(markdownFence("plain")).toBe("```\nplain\n```");
  });

  test("markdownText escapes every ASCII punctuation character and reads the same", () => {
    expect(markdownText("![x](http://e.x/a.png) *b* <i>")).toBe("\\!\\[x\\]\\(http\\:\\/\\/e\\.x\\/a\\.png\\) \\*b\\* \\<i\\>");
  });

  test("property: any value leaves the skeleton (blocks, spans, links, images) and the line count unchanged", () => {
    const reference = markdownSkeleton(document("Sid"));
    fc.assert(
      fc.property(hostileString, (value) => {
        const markdown = document(value);
        const skeleton = markdownSkeleton(markdown);
        // The fenced block may hold more lines only if the value itself had line feeds; the rest is fixed.
        const outside = (s: string[]) => s.filter((l) => l !== "code");
        expect(outside(skeleton)).toEqual(outside(reference));
        expect(linesOf(markdown).length - (value.split("\n").length - 1)).toBe(linesOf(document("Sid")).length);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
