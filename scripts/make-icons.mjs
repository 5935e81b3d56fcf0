// Draws the extension icon (assets/icon.png, 512×512): a rounded square with a small plan graph —
// three task nodes feeding a join node — the picture of what TinyAgent does; and one small icon per
// app the tools use (assets/apps/<app>.png, 64×64: a white glyph on the app's color), shown next
// to each task of a plan. Shapes are signed distance functions, anti-aliased over one pixel,
// written as RGBA PNGs with node:zlib.
// Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from "node:fs";
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

function draw(scene, size = SIZE) {
  const buf = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
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
      const i = (y * size + x) * 4;
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

const assets = join(import.meta.dirname, "..", "assets");
const out = join(assets, "icon.png");
writeFileSync(out, png(SIZE, SIZE, draw(scene)));
console.log(`wrote ${out}`);

// App icons: drawn on a 64-unit grid, so a glyph's numbers read as pixels.
const APP = 64;
const box = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const union = (...ds) => Math.min(...ds);
const cut = (d, hole) => Math.max(d, -hole);
const solid = (rgb) => () => rgb;
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** A glyph is a signed distance function in 64×64 space; `accent` details are painted in the app color. */
const APPS = {
  contacts: {
    color: "#8E6E53",
    glyph: (x, y) => union(circle(x, y, 32, 24, 9), cut(circle(x, y, 32, 58, 19), box(x, y, 32, 60, 30, 10, 0))),
  },
  calendar: {
    color: "#FF3B30",
    glyph: (x, y) =>
      cut(
        box(x, y, 32, 34, 18, 17, 4),
        union(box(x, y, 32, 22, 18, 2, 0), ...[24, 32, 40].flatMap((cx) => [circle(x, y, cx, 32, 2.5), circle(x, y, cx, 41, 2.5)])),
      ),
  },
  files: {
    color: "#1E88E5",
    glyph: (x, y) =>
      cut(
        box(x, y, 32, 32, 14, 19, 3),
        union(segment(x, y, 38, 13, 47, 22, 5.5), ...[26, 32, 38].map((cy) => box(x, y, 30, cy + 4, 8, 1.2, 1))),
      ),
  },
  mail: {
    color: "#2F7CF6",
    glyph: (x, y) => cut(box(x, y, 32, 32, 19, 13, 3), union(segment(x, y, 15, 21, 32, 34, 1.8), segment(x, y, 49, 21, 32, 34, 1.8))),
  },
  maps: {
    color: "#34C759",
    glyph: (x, y) =>
      cut(
        union(circle(x, y, 32, 26, 12), segment(x, y, 32, 26, 32, 50, 0) - Math.max(0, 9 - (Math.max(y, 26) - 26) * 0.4)),
        circle(x, y, 32, 26, 4.5),
      ),
  },
  notes: {
    color: "#F5B400",
    glyph: (x, y) => cut(box(x, y, 32, 32, 17, 19, 3), union(...[24, 32, 40].map((cy) => box(x, y, 32, cy, 11, 1.4, 1)))),
  },
  reminders: {
    color: "#FF9500",
    glyph: (x, y) => union(...[20, 32, 44].flatMap((cy) => [Math.abs(circle(x, y, 19, cy, 4)) - 1.4, box(x, y, 37, cy, 12, 1.6, 1.5)])),
  },
  messages: {
    color: "#30D158",
    glyph: (x, y) => union(Math.hypot((x - 32) / 1.25, y - 30) - 15, segment(x, y, 24, 38, 17, 47, 3.5)),
  },
  zoom: {
    color: "#2D8CFF",
    // The body, and the lens as a triangle widening to the right (the intersection of three half-planes).
    glyph: (x, y) =>
      union(box(x, y, 27, 32, 14, 11, 3.5), Math.max(42 - x, x - 52, (Math.abs(y - 32) - 3 - (x - 42) * 0.8) / Math.hypot(1, 0.8))),
  },
};

mkdirSync(join(assets, "apps"), { recursive: true });
for (const [name, { color, glyph }] of Object.entries(APPS)) {
  const appScene = [
    { sdf: (x, y) => box(x, y, 32, 32, 30, 30, 13), color: solid(hex(color)) },
    { sdf: glyph, color: white },
  ];
  const file = join(assets, "apps", `${name}.png`);
  writeFileSync(file, png(APP, APP, draw(appScene, APP)));
  console.log(`wrote ${file}`);
}
