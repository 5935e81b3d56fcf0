import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EngineLock, LockedPackage } from "../../src/engines/engineLock";
import { packageTarball, sha512Integrity } from "./tarballs";

/**
 * A local stand-in for the npm registry (a test double: tests cannot publish to the real one). It
 * serves package tarballs over HTTP at the registry's paths, and can corrupt or stall one of them.
 */

const REGISTRY = "https://registry.npmjs.org/";

export interface FakePackage {
  path: string;
  name: string;
  version: string;
  tarball: Buffer;
  skip?: string[];
}

export function fakePackage(
  path: string,
  files: Record<string, string | Buffer> = {},
  options: { version?: string; skip?: string[] } = {},
): FakePackage {
  const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  const version = options.version ?? "1.0.0";
  return { path, name, version, tarball: packageTarball(name, version, files), skip: options.skip };
}

export function tarballPath(name: string, version: string): string {
  const base = name.startsWith("@") ? name.split("/")[1] : name;
  return `${name}/-/${base}-${version}.tgz`;
}

/** A lock for the fake packages, under the platform key given, pointing at the real registry's URLs. */
export function fakeLock(
  packages: readonly FakePackage[],
  platform: string,
  engines: EngineLock["platforms"][string]["engines"],
): EngineLock {
  const locked: LockedPackage[] = packages.map((p) => ({
    path: p.path,
    name: p.name,
    version: p.version,
    url: REGISTRY + tarballPath(p.name, p.version),
    integrity: sha512Integrity(p.tarball),
    size: p.tarball.length,
    ...(p.skip ? { skip: p.skip } : {}),
  }));
  return {
    format: 1,
    registry: REGISTRY,
    engineVersions: { "node-llama-cpp": "1.0.0", "onnxruntime-node": "1.0.0" },
    platforms: { [platform]: { engines, packages: locked } },
  };
}

export interface FakeRegistry {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Serve this package with one byte flipped from now on. */
  tamper(name: string): void;
  /** Send the first bytes of this package, then stall until closed. */
  stall(name: string): void;
  /** Send the first bytes of this package, then drop the connection; once. */
  dropOnce(name: string): void;
  /** Send the first bytes of this package, then stall until closed; once. */
  stallOnce(name: string): void;
  /** Answer with headers for this package, then send nothing, ever. */
  silence(name: string): void;
  /** Serve this package with bytes appended; with `announce`, the Content-Length says so, else the body is chunked. */
  oversize(name: string, options?: { announce?: boolean }): void;
  /** Redirect requests for this package to themselves, forever. */
  redirectLoop(name: string): void;
  close(): Promise<void>;
}

export async function startFakeRegistry(packages: readonly FakePackage[]): Promise<FakeRegistry> {
  const byPath = new Map(packages.map((p) => [`/${tarballPath(p.name, p.version)}`, p]));
  const tampered = new Set<string>();
  const stalled = new Set<string>();
  const dropping = new Set<string>();
  const stallingOnce = new Set<string>();
  const silent = new Set<string>();
  const oversized = new Map<string, { announce: boolean }>();
  const looping = new Set<string>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "", "http://x").pathname);
    requests.push(path);
    const pkg = byPath.get(path);
    if (!pkg) {
      res.writeHead(404).end();
      return;
    }
    if (looping.has(pkg.name)) {
      res.writeHead(302, { location: `${req.url?.split("?")[0]}?hop=${requests.length}` }).end();
      return;
    }
    if (silent.has(pkg.name)) {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": pkg.tarball.length });
      res.flushHeaders();
      return;
    }
    const extra = oversized.get(pkg.name);
    if (extra) {
      const body = Buffer.concat([pkg.tarball, Buffer.alloc(4096, 1)]);
      res.writeHead(200, { "content-type": "application/octet-stream", ...(extra.announce ? { "content-length": body.length } : {}) });
      res.end(body);
      return;
    }
    let body = pkg.tarball;
    if (tampered.has(pkg.name)) {
      body = Buffer.from(body);
      const at = Math.floor(body.length / 2);
      body[at] = body[at]! ^ 0x01;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
    if (stalled.has(pkg.name) || stallingOnce.delete(pkg.name)) res.write(body.subarray(0, Math.min(16, body.length - 1)));
    else if (dropping.delete(pkg.name)) res.write(body.subarray(0, Math.min(16, body.length - 1)), () => res.destroy());
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    tamper: (name) => tampered.add(name),
    stall: (name) => stalled.add(name),
    dropOnce: (name) => dropping.add(name),
    stallOnce: (name) => stallingOnce.add(name),
    silence: (name) => silent.add(name),
    oversize: (name, options = {}) => oversized.set(name, { announce: options.announce ?? false }),
    redirectLoop: (name) => looping.add(name),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
