import { secondsLeft, TransferRate } from "../../../src/agent/models/transferRate";

describe("TransferRate", () => {
  test("divides by the time the samples actually cover, from the first second on", () => {
    const rate = new TransferRate(5_000);
    expect(rate.add(0, 1_000_000)).toBe(0);
    expect(rate.add(500, 21_000_000)).toBe(40_000_000);
    expect(rate.add(1_000, 41_000_000)).toBe(40_000_000);
  });

  test("follows a change of speed within its window", () => {
    const rate = new TransferRate(2_000);
    for (let s = 0; s <= 10; s++) rate.add(s * 1000, s * 10_000_000);
    expect(rate.add(11_000, 101_000_000)).toBeCloseTo(((101_000_000 - 90_000_000) * 1000) / 2_000);
    expect(rate.add(12_000, 102_000_000)).toBeCloseTo(1_000_000);
  });
});

test("secondsLeft", () => {
  expect(secondsLeft(25, 125, 10)).toBe(10);
  expect(secondsLeft(25, 125, 0)).toBeUndefined();
  expect(secondsLeft(0, 0, 10)).toBeUndefined();
});
