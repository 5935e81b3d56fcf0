import fc from "fast-check";
import {
  cleanExtractedText,
  contentWords,
  extractiveSummary,
  formatExtractiveSummary,
  splitSentences,
} from "../../src/applescript/extractiveSummary";

const REPORT = [
  "Quarterly Report.",
  "The solar battery project reduced energy costs by twelve percent this quarter.",
  "Our cafeteria now serves lunch on Fridays.",
  "Battery storage let the solar panels cover evening demand, which cut energy costs further.",
  "The parking lot will be repainted in May.",
  "Next quarter the project will add a second battery bank to store more solar energy.",
  "A new coffee machine arrived on the third floor.",
].join(" ");

describe("extractive summary", () => {
  test("picks the sentences about what the document is about, in document order", () => {
    const summary = extractiveSummary(REPORT, 3);
    expect(summary.total).toBe(7);
    expect(summary.sentences).toEqual([
      "The solar battery project reduced energy costs by twelve percent this quarter.",
      "Battery storage let the solar panels cover evening demand, which cut energy costs further.",
      "Next quarter the project will add a second battery bank to store more solar energy.",
    ]);
  });

  test("never invents text: every chosen sentence is in the document, at most the count asked for, in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.lorem({ mode: "sentences", maxCount: 3 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        (parts, count) => {
          const text = parts.join(" ");
          const summary = extractiveSummary(text, count);
          expect(summary.sentences.length).toBeLessThanOrEqual(Math.min(count, summary.total));
          let at = -1;
          for (const s of summary.sentences) {
            const next = cleanExtractedText(text).indexOf(s, at + 1);
            expect(next).toBeGreaterThan(at);
            at = next;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a sentence that repeats one already chosen is skipped", () => {
    const text = "Solar energy costs fell sharply. Solar energy costs fell sharply again. Wind power stayed flat this year. Rain fell.";
    expect(extractiveSummary(text, 2).sentences).toEqual(["Solar energy costs fell sharply.", "Wind power stayed flat this year."]);
  });

  test("PDF line breaks and hyphenation are undone; abbreviations do not end sentences", () => {
    expect(cleanExtractedText("The bat-\ntery lasted\n\nlonger than Dr.\nSmith  expected.")).toBe(
      "The battery lasted longer than Dr. Smith expected.",
    );
    expect(splitSentences("Dr. Smith went home. It rained!")).toEqual(["Dr. Smith went home.", "It rained!"]);
    expect(splitSentences("J. R. R. Tolkien wrote books, e.g. this one. He died.")).toEqual([
      "J. R. R. Tolkien wrote books, e.g. this one.",
      "He died.",
    ]);
    expect(contentWords("The battery's charge isn't full")).toEqual(["battery's", "charge", "isn't", "full"]);
  });

  test("empty text has nothing to summarize", () => {
    expect(extractiveSummary("   \n ")).toEqual({ sentences: [], total: 0 });
  });

  test("the result is labelled as extractive", () => {
    const text = formatExtractiveSummary("report.pdf", extractiveSummary(REPORT, 2), 200_000);
    expect(text.split("\n")[0]).toBe(
      "Extractive summary of report.pdf (from its first 200,000 characters): 2 of 7 sentences, picked by how often their words occur in it (quoted, not written by a model).",
    );
    expect(
      text
        .split("\n")
        .slice(1)
        .every((l) => l.startsWith("• ")),
    ).toBe(true);
    expect(formatExtractiveSummary("a.pdf", { sentences: ["One."], total: 1 })).toContain("all 1 sentences");
  });
});
