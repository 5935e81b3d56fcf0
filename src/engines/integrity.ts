import { createHash, timingSafeEqual, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Subresource Integrity ("sha512-<base64>"), the form npm's registry and lockfiles use. */
export function sha512Integrity(hash: Hash): string {
  return `sha512-${hash.digest("base64")}`;
}

export function integrityMatches(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Hashes a file with one algorithm, streaming (the files are up to 113 MB). */
export async function hashFile(path: string, algorithm: "sha512" | "sha256"): Promise<Hash> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash;
}

export async function fileIntegrity(path: string): Promise<string> {
  return sha512Integrity(await hashFile(path, "sha512"));
}

export async function fileSha256(path: string): Promise<string> {
  return (await hashFile(path, "sha256")).digest("hex");
}
