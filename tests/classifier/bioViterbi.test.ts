import { bioViterbi } from "../../src/classifier/bioViterbi";
import { Rng } from "../../training/generator/rng";

// Labels as the tagger orders them: O = 0, B-t = 1 + 2t, I-t = 2 + 2t.
const O = 0;
const B_NAME = 1;
const B_TEXT = 3;
const I_TEXT = 4;
const WIDTH = 5;

function logitsOf(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

const validBio = (labels: ArrayLike<number>) =>
  Array.from(labels).every((l, i) => l === 0 || l % 2 === 1 || (i > 0 && labels[i - 1] !== 0 && Math.ceil(labels[i - 1]! / 2) === l / 2));

describe("bioViterbi: the best label sequence that is valid BIO", () => {
  test("an I- after O, or after another type's B-, is not written: the span is kept whole", () => {
    // Per-token argmax: B-NAME, I-TEXT, I-TEXT (a name, then a message that never began). The
    // sequence read whole is one message: its two I-TEXT outweigh B-NAME's small lead.
    const logits = logitsOf([
      [0, 3, 0, 2.9, 0],
      [0, 0, 1, 0, 1.2],
      [0, 0, 1, 0, 1.2],
    ]);
    expect(Array.from(bioViterbi(logits, 3, WIDTH))).toEqual([B_TEXT, I_TEXT, I_TEXT]);
    // The first token is never I-.
    expect(Array.from(bioViterbi(logitsOf([[0, 1, 5, 0, 0]]), 1, WIDTH))).toEqual([B_NAME]);
  });

  test("where argmax is already valid, it is what Viterbi returns", () => {
    const logits = logitsOf([
      [4, 0, 0, 0, 0],
      [0, 0, 0, 4, 0],
      [0, 0, 0, 0, 4],
      [4, 0, 0, 0, 0],
    ]);
    expect(Array.from(bioViterbi(logits, 4, WIDTH))).toEqual([O, B_TEXT, I_TEXT, O]);
    expect(bioViterbi(new Float32Array(0), 0, WIDTH)).toHaveLength(0);
  });

  test("on random scores every sequence it returns is valid BIO", () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(0, 20);
      const logits = Float32Array.from({ length: n * 19 }, () => (rng.next() - 0.5) * 8);
      expect(validBio(bioViterbi(logits, n, 19))).toBe(true);
    }
  });
});
