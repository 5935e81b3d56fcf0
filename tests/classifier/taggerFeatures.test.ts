import {
  FEATURES_PER_TOKEN,
  TAGGER_BUCKETS,
  TAGGER_LABELS,
  labelSpans,
  spanLabels,
  taggerFeatures,
} from "../../src/classifier/taggerFeatures";

describe("tagger features", () => {
  test("a fixed number of ids per token, inside the buckets, the same for the same text", () => {
    const a = taggerFeatures("Text Sid that I'm late");
    expect(a.ids).toHaveLength(a.tokens.length * FEATURES_PER_TOKEN);
    expect([...a.ids].every((id) => id >= 0n && id < BigInt(TAGGER_BUCKETS))).toBe(true);
    expect(taggerFeatures("Text Sid that I'm late").ids).toEqual(a.ids);
  });

  test("capitals change the features (names are told apart by them)", () => {
    const upper = taggerFeatures("Sid").ids;
    const lower = taggerFeatures("sid").ids;
    expect(upper).not.toEqual(lower);
  });

  test("labels from spans and spans from labels round-trip", () => {
    const text = "email anna@x.io that the draft is ready";
    const { tokens } = taggerFeatures(text);
    const spans = [
      { type: "EMAIL" as const, start: 6, end: 15 },
      { type: "TEXT" as const, start: 21, end: text.length },
    ];
    const labels = spanLabels(tokens, spans);
    expect([...labels].map((l) => TAGGER_LABELS[l])).toEqual([
      "O",
      "B-EMAIL",
      "I-EMAIL",
      "I-EMAIL",
      "I-EMAIL",
      "I-EMAIL",
      "O",
      "B-TEXT",
      "I-TEXT",
      "I-TEXT",
      "I-TEXT",
    ]);
    expect(labelSpans(tokens, labels)).toEqual(spans);
  });

  test("an I without its B starts a span; a different type ends one", () => {
    const { tokens } = taggerFeatures("a b c");
    const i = (t: string) => TAGGER_LABELS.indexOf(t);
    expect(labelSpans(tokens, [i("I-NAME"), i("I-TEXT"), i("I-TEXT")])).toEqual([
      { type: "NAME", start: 0, end: 1 },
      { type: "TEXT", start: 2, end: 5 },
    ]);
  });
});
