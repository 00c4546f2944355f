#!/usr/bin/env node
// Draws the Teams app icons: three interlocking rings (the statutory partners working
// together) in white, on the accent colour for the colour icon and on transparency for the
// outline icon. Run it after changing the drawing; `--check` fails if the committed icons
// differ from what this script draws.
//
//   node packages/bot/scripts/drawIcons.mjs          # writes packages/bot/teams-app/*.png
//   node packages/bot/scripts/drawIcons.mjs --check  # exit 1 if they are out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG file. */
function encodePng(width, height, rgba) {
  const png = new pngjs.PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return pngjs.PNG.sync.write(png, { colorType: 6 });
}

/** The accent colour: the manifest's `accentColor` and the colour icon's background. */
export const accentColour = '#1F5F7A';

const teamsAppFolder = fileURLToPath(new URL('../teams-app/', import.meta.url));

/**
 * How much of the pixel at (x, y) the rings cover, from 0 to 1, by 4×4 supersampling.
 * Coordinates are in a unit square; `scale` shrinks the symbol about the centre.
 */
function ringCoverage(x, y, size, scale, thickness) {
  const spread = 0.2 * scale;
  const radius = 0.25 * scale;
  const centres = [0, 120, 240].map((degrees) => {
    const angle = ((degrees - 90) * Math.PI) / 180;
    return [0.5 + spread * Math.cos(angle), 0.5 + spread * Math.sin(angle)];
  });
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = (x + (sx + 0.5) / 4) / size;
      const py = (y + (sy + 0.5) / 4) / size;
      const onRing = centres.some(([cx, cy]) => Math.abs(Math.hypot(px - cx, py - cy) - radius) <= thickness / 2);
      if (onRing) inside++;
    }
  }
  return inside / 16;
}

function hexToRgb(hex) {
  return [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
}

/** The 192×192 colour icon: white rings on the accent colour, fully opaque. */
export function drawColourIcon() {
  const size = 192;
  const [r, g, b] = hexToRgb(accentColour);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Teams crops colour icons to a rounded square, so the symbol stays in the middle ~60%.
      const cover = ringCoverage(x, y, size, 0.6, 0.045);
      const at = (y * size + x) * 4;
      pixels[at] = Math.round(r + (255 - r) * cover);
      pixels[at + 1] = Math.round(g + (255 - g) * cover);
      pixels[at + 2] = Math.round(b + (255 - b) * cover);
      pixels[at + 3] = 255;
    }
  }
  return encodePng(size, size, pixels);
}

/** The 32×32 outline icon: white rings on transparency, as Teams requires. */
export function drawOutlineIcon() {
  const size = 32;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 4;
      pixels[at] = 255;
      pixels[at + 1] = 255;
      pixels[at + 2] = 255;
      pixels[at + 3] = Math.round(255 * ringCoverage(x, y, size, 0.96, 0.07));
    }
  }
  return encodePng(size, size, pixels);
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const icons = [
    ['color.png', drawColourIcon()],
    ['outline.png', drawOutlineIcon()],
  ];
  if (process.argv.includes('--check')) {
    const stale = icons.filter(([name, bytes]) => {
      try {
        return !readFileSync(teamsAppFolder + name).equals(bytes);
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      console.error(`Out of date: ${stale.map(([name]) => `packages/bot/teams-app/${name}`).join(', ')}. Run node packages/bot/scripts/drawIcons.mjs`);
      process.exit(1);
    }
    console.log('The Teams app icons are up to date.');
  } else {
    for (const [name, bytes] of icons) {
      writeFileSync(teamsAppFolder + name, bytes);
      console.log(`Wrote packages/bot/teams-app/${name} (${bytes.length} bytes)`);
    }
  }
}
