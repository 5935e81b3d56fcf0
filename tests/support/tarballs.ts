import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * npm-style package tarballs built in memory, byte by byte (ustar headers), so tests can make
 * archives no packer would: paths with "..", absolute paths, links.
 */

export interface TarEntry {
  path: string;
  content?: string | Buffer;
  /** "0" file (default), "2" symbolic link, "1" hard link, "5" directory. */
  type?: "0" | "1" | "2" | "5";
  linkname?: string;
}

function field(header: Buffer, offset: number, length: number, value: string) {
  header.write(value, offset, length, "utf8");
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

export function tarGz(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content ?? "");
    const type = entry.type ?? "0";
    const header = Buffer.alloc(512);
    field(header, 0, 100, entry.path);
    field(header, 100, 8, octal(type === "5" ? 0o755 : 0o644, 8));
    field(header, 108, 8, octal(0, 8));
    field(header, 116, 8, octal(0, 8));
    field(header, 124, 12, octal(type === "0" ? data.length : 0, 12));
    field(header, 136, 12, octal(499162500, 12));
    field(header, 148, 8, "        ");
    field(header, 156, 1, type);
    field(header, 157, 100, entry.linkname ?? "");
    field(header, 257, 6, "ustar\0");
    field(header, 263, 2, "00");
    let sum = 0;
    for (const byte of header) sum += byte;
    field(header, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
    blocks.push(header);
    if (type === "0" && data.length > 0) {
      blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A package tarball: files under "package/", plus a package.json unless given. */
export function packageTarball(name: string, version: string, files: Record<string, string | Buffer> = {}): Buffer {
  const all: Record<string, string | Buffer> = {
    "package.json": JSON.stringify({ name, version, type: "module", main: "index.js" }),
    ...files,
  };
  return tarGz(Object.entries(all).map(([path, content]) => ({ path: `package/${path}`, content })));
}

export function sha512Integrity(data: Buffer): string {
  return `sha512-${createHash("sha512").update(data).digest("base64")}`;
}
