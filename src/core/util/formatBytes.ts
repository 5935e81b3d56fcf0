const UNITS = ["bytes", "kB", "MB", "GB", "TB"];

/** A size as people read it, in decimal units with three significant digits, like Hugging Face lists files: "668 MB", "4.37 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes))} bytes`;
  let unit = 0;
  let value = bytes;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ${UNITS[unit]}`;
}
