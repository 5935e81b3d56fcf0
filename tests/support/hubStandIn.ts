import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Hugging Face file endpoints (no hub is reachable from the build
 * machines): serves files by path over HTTP on 127.0.0.1 with byte-range support, logs every
 * request, and can misbehave on demand to exercise resume and error paths.
 */
export type Fault = "drop" | "stall" | "silent";

export interface StandInFile {
  body: Buffer;
  /** Consulted for each request that carries a Range; may make that response fail. */
  fault?: (range: { start: number; end: number }) => Fault | undefined;
  /** Answer every request with a redirect to the same file, forever. */
  redirectLoop?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  range?: { start: number; end: number };
}

export interface HubStandIn {
  /** Base URL to use as the Hugging Face endpoint, ending in "/". */
  endpoint: string;
  requests: LoggedRequest[];
  /** Body bytes written for ranged requests (what a download actually transferred). */
  rangedBytesSent: number;
  close(): Promise<void>;
}

export async function startHubStandIn(files: Record<string, StandInFile>): Promise<HubStandIn> {
  const state: HubStandIn = { endpoint: "", requests: [], rangedBytesSent: 0, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = files[path];
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const logged: LoggedRequest = { method: req.method ?? "GET", path };
    state.requests.push(logged);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Entry not found");
      return;
    }
    if (file.redirectLoop) {
      res.writeHead(302, { location: `${path}?hop=${state.requests.length}` }).end();
      return;
    }
    const size = file.body.length;
    const start = match ? Number(match[1]) : 0;
    const end = match && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
    const slice = file.body.subarray(start, end + 1);
    const headers: Record<string, string> = { "accept-ranges": "bytes", "content-length": String(slice.length) };
    if (match) {
      logged.range = { start, end };
      headers["content-range"] = `bytes ${start}-${end}/${size}`;
    }
    res.writeHead(match ? 206 : 200, headers);
    if (req.method === "HEAD") return void res.end();
    const fault = match ? file.fault?.({ start, end }) : undefined;
    const count = (n: number) => {
      if (match) state.rangedBytesSent += n;
    };
    if (fault === "drop") {
      const half = slice.subarray(0, Math.floor(slice.length / 2));
      res.write(half, () => {
        count(half.length);
        req.socket.destroy();
      });
    } else if (fault === "silent") {
      res.flushHeaders();
    } else if (fault === "stall") {
      const some = slice.subarray(0, Math.min(slice.length - 1, 64 * 1024));
      res.write(some, () => count(some.length));
    } else {
      res.end(slice, () => count(slice.length));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/**
 * A file that passes the GGUF header check: magic "GGUF", version 3, no tensors and no metadata,
 * then deterministic filler so every byte counts in the hash.
 */
export function ggufFixture(bytes: number, seed = 1): Buffer {
  const buf = Buffer.alloc(bytes);
  buf.write("GGUF", 0, "latin1");
  buf.writeUInt32LE(3, 4);
  buf.writeBigUInt64LE(0n, 8);
  buf.writeBigUInt64LE(0n, 16);
  let x = seed >>> 0 || 1;
  for (let i = 24; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return buf;
}

export const sha256 = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");
