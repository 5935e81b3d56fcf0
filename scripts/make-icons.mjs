// Draws the extension icon (assets/icon.png, 512×512): a rounded square with a small plan graph —
// three task nodes feeding a join node — the picture of what TinyAgent does. Shapes are signed
// distance functions, anti-aliased over one pixel, written as an RGBA PNG with node:zlib.
// Run: node scripts/make-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { join } from "node:path";

const SIZE = 512;

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const clamp = (v) => Math.max(0, Math.min(1, v));
const coverage = (d) => clamp(0.5 - d); // d in pixels, negative inside

function roundedBox(x, y, cx, cy, half, r) {
  const qx = Math.abs(x - cx) - half + r;
  const qy = Math.abs(y - cy) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
function segment(x, y, ax, ay, bx, by, w) {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const h = clamp((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * h, py - dy * h) - w;
}

function draw(scene) {
  const buf = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of scene) {
        const cov = coverage(layer.sdf(x + 0.5, y + 0.5)) * (layer.alpha ?? 1);
        if (cov <= 0) continue;
        const [lr, lg, lb] = layer.color(x, y);
        const na = cov + a * (1 - cov);
        r = (lr * cov + r * a * (1 - cov)) / na;
        g = (lg * cov + g * a * (1 - cov)) / na;
        b = (lb * cov + b * a * (1 - cov)) / na;
        a = na;
      }
      const i = (y * SIZE + x) * 4;
      buf[i] = Math.round(r);
      buf[i + 1] = Math.round(g);
      buf[i + 2] = Math.round(b);
      buf[i + 3] = Math.round(a * 255);
    }
  }
  return buf;
}

// Indigo to violet, top-left to bottom-right.
const gradient = (x, y) => {
  const t = (x + y) / (2 * SIZE);
  return [79 + (139 - 79) * t, 70 + (92 - 70) * t, 229 + (246 - 229) * t];
};
const white = () => [255, 255, 255];

const tasks = [
  [176, 170],
  [336, 170],
  [256, 250],
];
const joinNode = [256, 356];
const scene = [
  { sdf: (x, y) => roundedBox(x, y, 256, 256, 232, 96), color: gradient },
  { sdf: (x, y) => segment(x, y, ...tasks[0], ...joinNode, 11), color: white, alpha: 0.85 },
  { sdf: (x, y) => segment(x, y, ...tasks[1], ...joinNode, 11), color: white, alpha: 0.85 },
  { sdf: (x, y) => segment(x, y, ...tasks[2], ...joinNode, 11), color: white, alpha: 0.85 },
  ...tasks.map(([cx, cy]) => ({ sdf: (x, y) => circle(x, y, cx, cy, 34), color: white })),
  { sdf: (x, y) => circle(x, y, ...joinNode, 46), color: white },
  { sdf: (x, y) => circle(x, y, ...joinNode, 22), color: gradient },
];

const out = join(import.meta.dirname, "..", "assets", "icon.png");
writeFileSync(out, png(SIZE, SIZE, draw(scene)));
console.log(`wrote ${out}`);
