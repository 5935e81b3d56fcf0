/**
 * The most likely label sequence that is valid BIO: an I- label only continues a B- or I- of the
 * same type, and the first token is never I-. Labels are O = 0, B-t = 1 + 2t, I-t = 2 + 2t (the
 * tagger's order). Per-token argmax can write "O I-TEXT I-TEXT" or "B-TITLE I-TEXT", which split
 * or retype a value; scoring whole sequences on the per-token log-probabilities cannot.
 * `logits` is [n × width], row-major. Cost n × width², nothing next to the model.
 */
export function bioViterbi(logits: Float32Array, n: number, width: number): Uint8Array {
  const labels = new Uint8Array(n);
  if (n === 0) return labels;
  const isInside = (l: number) => l !== 0 && l % 2 === 0;
  const allowed = (from: number, to: number) => !isInside(to) || (from !== 0 && Math.ceil(from / 2) === to / 2);
  const logSoftmax = (i: number, out: Float64Array) => {
    let max = -Infinity;
    for (let l = 0; l < width; l++) max = Math.max(max, logits[i * width + l]!);
    let sum = 0;
    for (let l = 0; l < width; l++) sum += Math.exp(logits[i * width + l]! - max);
    const z = Math.log(sum) + max;
    for (let l = 0; l < width; l++) out[l] = logits[i * width + l]! - z;
  };
  let score = new Float64Array(width);
  let next = new Float64Array(width);
  const emit = new Float64Array(width);
  const back = new Uint8Array(n * width);
  logSoftmax(0, emit);
  for (let l = 0; l < width; l++) score[l] = isInside(l) ? -Infinity : emit[l]!;
  for (let i = 1; i < n; i++) {
    logSoftmax(i, emit);
    for (let to = 0; to < width; to++) {
      let best = -Infinity;
      let arg = 0;
      for (let from = 0; from < width; from++) {
        if (allowed(from, to) && score[from]! > best) {
          best = score[from]!;
          arg = from;
        }
      }
      next[to] = best + emit[to]!;
      back[i * width + to] = arg;
    }
    [score, next] = [next, score];
  }
  let last = 0;
  for (let l = 1; l < width; l++) if (score[l]! > score[last]!) last = l;
  labels[n - 1] = last;
  for (let i = n - 1; i > 0; i--) labels[i - 1] = back[i * width + labels[i]!]!;
  return labels;
}
