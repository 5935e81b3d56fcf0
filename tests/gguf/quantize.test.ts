import fc from "fast-check";
import { dequantize, fromHalf, quantizeQ4_0, quantizeQ8_0, randomBlocks, toHalf } from "../../src/gguf/quantize";

describe("ggml block formats", () => {
  test("half precision round-trips halves exactly and rounds floats to the nearest half", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (bits) => {
        const v = fromHalf(bits);
        if (Number.isNaN(v)) return;
        expect(toHalf(v)).toBe(bits === 0x8000 ? 0x8000 : bits);
      }),
    );
    expect(fromHalf(toHalf(0.1))).toBeCloseTo(0.1, 4);
    expect(fromHalf(toHalf(1e-6))).toBeCloseTo(1e-6, 7);
    expect(fromHalf(toHalf(70000))).toBe(Infinity);
  });

  test("Q8_0 and Q4_0 dequantize close to the input", () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }), (values) => {
        const amax = Math.max(...values.map(Math.abs));
        const q8 = dequantize("Q8_0", quantizeQ8_0(values));
        const q4 = dequantize("Q4_0", quantizeQ4_0(values));
        values.forEach((v, i) => {
          expect(Math.abs(q8[i]! - v)).toBeLessThanOrEqual(amax / 127 + 1e-3);
          expect(Math.abs(q4[i]! - v)).toBeLessThanOrEqual(amax / 7 + 1e-3);
        });
      }),
    );
  });

  test("random blocks have the requested spread and are reproducible", () => {
    const a = Buffer.concat([...randomBlocks("Q8_0", 32 * 4096, 0.02, 1)]);
    const b = Buffer.concat([...randomBlocks("Q8_0", 32 * 4096, 0.02, 1)]);
    expect(a.equals(b)).toBe(true);
    const values = dequantize("Q8_0", a);
    const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(std).toBeGreaterThan(0.017);
    expect(std).toBeLessThan(0.023);
  });
});
