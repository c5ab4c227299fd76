// The extension's icons at every size Chrome uses (16 and 32 px in the toolbar at 1× and 2×, 48 on
// the extensions page, 128 in the store and the install dialog), rendered by Chromium from the
// vector sources in assets/ into public/icon/<size>.png (committed: a few kilobytes). Run after
// changing an SVG: npx tsx scripts/icons.ts. Also writes docs/screenshots/icons.png, every size on
// a light and a dark toolbar colour, to check both read.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, QUIET_CHROMIUM_ARGS } from '../harness/browser';

/** Size → source: the small icon is drawn for the pixel grid of 16 px (and its 2× twin). */
export const ICON_SIZES: Record<number, string> = {
  16: 'icon-small.svg',
  32: 'icon-small.svg',
  48: 'icon.svg',
  128: 'icon.svg',
};
/** The store's 128 px icon is 96 px of artwork in 16 px of transparent margin (Chrome Web Store
 *  image guidelines); the others fill their square. */
const MARGIN: Record<number, number> = { 128: 16 };

const OUT = path.resolve('public/icon');
/** Chrome's toolbar in its light and dark themes. */
const TOOLBARS = ['#ffffff', '#3c3c3c'];

async function main() {
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET_CHROMIUM_ARGS });
  const page = await browser.newPage();
  for (const [size, source] of Object.entries(ICON_SIZES)) {
    const svg = await readFile(path.resolve('assets', source), 'utf8');
    await page.setViewportSize({ width: Number(size), height: Number(size) });
    const margin = MARGIN[Number(size)] ?? 0;
    const inner = Number(size) - 2 * margin;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;margin:${margin}px;width:${inner}px;height:${inner}px}</style>${svg}`,
    );
    await writeFile(path.join(OUT, `${size}.png`), await page.screenshot({ omitBackground: true }));
  }
  // The check sheet: every size at its own pixels, and the toolbar sizes enlarged 4× (pixelated)
  // to judge them, on both toolbar colours.
  const images: Record<string, string> = {};
  for (const size of Object.keys(ICON_SIZES)) {
    images[size] = `data:image/png;base64,${(await readFile(path.join(OUT, `${size}.png`))).toString('base64')}`;
  }
  const img = (size: string, scale: number) =>
    `<img src="${images[size]}" width="${Number(size) * scale}" style="image-rendering:pixelated">`;
  const row = (colour: string) =>
    `<div style="display:flex;gap:16px;align-items:center;padding:16px;background:${colour}">` +
    Object.keys(ICON_SIZES)
      .map((size) => img(size, 1))
      .join('') +
    img('16', 4) +
    img('32', 2) +
    '</div>';
  await page.setViewportSize({ width: 480, height: 100 });
  await page.setContent(`<body style="margin:0">${TOOLBARS.map(row).join('')}</body>`);
  await page.screenshot({ path: path.resolve('docs/screenshots/icons.png'), fullPage: true });
  await browser.close();
  console.log(`Icons in ${path.relative(process.cwd(), OUT)}/: ${Object.keys(ICON_SIZES).join(', ')} px`);
}

void main();
