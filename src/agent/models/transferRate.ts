/**
 * Download speed over the last few seconds, from (time, bytes) samples. node-llama-cpp's own
 * figure averages over a fixed window that includes the seconds before the download started, so
 * it reads far too low for the first seconds; this one divides by the time actually covered.
 */
export class TransferRate {
  private samples: { ms: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  /** Records that `bytes` had arrived at time `ms`; returns bytes per second (0 until two samples). */
  add(ms: number, bytes: number): number {
    this.samples.push({ ms, bytes });
    while (this.samples.length > 2 && ms - this.samples[1]!.ms >= this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const elapsed = ms - first.ms;
    return elapsed > 0 ? Math.max(0, ((bytes - first.bytes) * 1000) / elapsed) : 0;
  }
}

/** Seconds left at `bytesPerSecond`, or undefined while the speed is unknown. */
export function secondsLeft(bytes: number, totalBytes: number, bytesPerSecond: number): number | undefined {
  return bytesPerSecond > 0 && totalBytes > 0 ? Math.max(0, totalBytes - bytes) / bytesPerSecond : undefined;
}
