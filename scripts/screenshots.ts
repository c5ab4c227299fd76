// Screenshots of the popup and the settings page with seeded calls, light and dark, into
// docs/screenshots/. Run: npx tsx scripts/screenshots.ts
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build as bundle } from 'esbuild';
import { chromium } from 'playwright-core';
import { generateSampleCalls } from '../lib/record/sample';
import { CHROMIUM, QUIET_CHROMIUM_ARGS } from '../tests/e2e/support/browser';
import { buildExtension, launchExtension, seedCalls, watchConsole } from './extension-browser';

const OUT = path.resolve('docs/screenshots');
/** Twelve weeks of calls at about one and a half a working day: enough for every chart. */
const CALLS = 90;
const POPUP_VIEWPORT = { width: 400, height: 600 };

/** The overlay in six states (scripts/overlay-gallery.tsx), bundled on its own and shot in a plain page. */
async function overlayGallery(errors: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lc-gallery-'));
  await bundle({
    entryPoints: [path.resolve('scripts/overlay-gallery.tsx')],
    bundle: true,
    outfile: path.join(dir, 'gallery.js'),
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  // A grey stand-in for a meeting behind the overlays.
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><link rel="stylesheet" href="gallery.css"></head>' +
      '<body style="margin:0;background:#3c4043"><div id="root"></div><script src="gallery.js"></script></body></html>',
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET_CHROMIUM_ARGS });
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 810, height: 600 }, colorScheme: scheme });
    watchConsole(page, errors);
    await page.goto(`file://${path.join(dir, 'index.html')}`);
    await page.locator('.lc-overlay').nth(5).waitFor();
    await page.screenshot({ path: path.join(OUT, `overlay${scheme === 'dark' ? '-dark' : ''}.png`) });
    await page.close();
  }
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const extensionDir = await buildExtension('screenshots');
  const calls = generateSampleCalls({ count: CALLS, seed: 2024, endMs: Date.now(), callsPerWorkday: 1.5 });
  const errors: string[] = [];

  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchExtension(extensionDir, { colorScheme: scheme });
    await seedCalls(browser, calls);
    const suffix = scheme === 'dark' ? '-dark' : '';

    const popup = await browser.context.newPage();
    watchConsole(popup, errors);
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.goto(browser.url('popup.html'));
    await popup.getByTestId('call-summary').waitFor();
    await popup.screenshot({ path: path.join(OUT, `popup-latest${suffix}.png`), fullPage: true });

    await popup.getByRole('tab', { name: 'History' }).click();
    await popup.locator('.history-item').first().waitFor();
    await popup.screenshot({ path: path.join(OUT, `popup-history${suffix}.png`) });

    await popup.getByRole('tab', { name: 'Trends' }).click();
    await popup.locator('.recharts-surface').first().waitFor();
    await popup.screenshot({ path: path.join(OUT, `popup-trends${suffix}.png`), fullPage: true });

    const options = await browser.context.newPage();
    watchConsole(options, errors);
    await options.setViewportSize({ width: 900, height: 900 });
    await options.goto(browser.url('options.html'));
    await options.locator('[data-model]:not([data-model="checking"])').waitFor();
    await options.getByText(`${CALLS} calls stored`).waitFor();
    await options.screenshot({ path: path.join(OUT, `options${suffix}.png`), fullPage: true });
    await browser.close();
  }

  await overlayGallery(errors);
  console.log(`Screenshots in ${path.relative(process.cwd(), OUT)}/`);
  if (errors.length > 0) {
    console.error(`Console errors:\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
}

void main();
