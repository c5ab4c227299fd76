// Screenshots from seeded calls (tests/support/sample-calls.ts), light and dark, into docs/screenshots/: the
// popup, the settings, the welcome and privacy pages, the overlay gallery, and the store's
// screenshots at 1280×800 (store-*.png: the real pages framed with a caption).
// Run: npx tsx scripts/screenshots.ts
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMessages } from '../tests/support/i18n';
import { build as bundle } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { generateSampleCalls } from '../tests/support/sample-calls';
import { CHROMIUM, QUIET_CHROMIUM_ARGS } from '../harness/browser';
import {
  buildExtension,
  launchExtension,
  seedCalls,
  watchConsole,
  type ExtensionBrowser,
} from '../harness/extension-browser';

const OUT = path.resolve('docs/screenshots');
/** Twelve weeks of calls at about one and a half a working day: enough for every chart. */
const CALLS = 90;
const POPUP_VIEWPORT = { width: 400, height: 600 };
/** The Chrome Web Store's screenshot size. */
const STORE = { width: 1280, height: 800 };

/** The overlay in six states (scripts/overlay-gallery.tsx), bundled on its own and shot in a plain page. */
async function overlayGallery(errors: string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lc-gallery-'));
  await bundle({
    entryPoints: [path.resolve('scripts/overlay-gallery.tsx')],
    bundle: true,
    outfile: path.join(dir, 'gallery.js'),
    jsx: 'automatic',
    // The shipped English messages, made from locales/en.yml as the build makes them.
    define: { 'process.env.NODE_ENV': '"production"', GALLERY_MESSAGES: JSON.stringify(loadMessages()) },
    // The extension's i18n reads chrome.i18n; on a plain page it reads the built English messages.
    alias: { '#i18n': path.resolve('scripts/gallery-i18n.ts') },
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
    if (scheme === 'light') {
      await page.setViewportSize(STORE);
      await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div id="caption"></div>'));
      await caption(page, 'In the meeting: your share of the talk, who has the floor, and a rare, gentle nudge.');
      await page.screenshot({ path: path.join(OUT, 'store-3-overlay.png') });
    }
    await page.close();
  }
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}

/** A caption across the bottom of a store screenshot. */
async function caption(page: Page, text: string) {
  await page.evaluate((words) => {
    const box = document.getElementById('caption') ?? document.body.appendChild(document.createElement('div'));
    box.textContent = words;
    Object.assign(box.style, {
      position: 'fixed',
      left: '0',
      right: '0',
      bottom: '0',
      padding: '22px 48px',
      background: '#1f5fbf',
      color: '#fff',
      font: '600 26px/1.3 system-ui, sans-serif',
      zIndex: '10',
    });
  }, text);
}

/** The popup in a frame on a 1280×800 canvas (an extension page, so the frame may hold popup.html). */
async function storePopup(browser: ExtensionBrowser, errors: string[], file: string, words: string, tab?: string) {
  const page = await browser.context.newPage();
  watchConsole(page, errors);
  await page.setViewportSize(STORE);
  await page.goto(browser.url('privacy.html'));
  await page.setContent(
    `<body style="margin:0;height:800px;background:linear-gradient(135deg,#e8eef9,#f7f9fc)">` +
      `<iframe src="${browser.url('popup.html')}" style="position:absolute;left:160px;top:28px;width:400px;height:640px;border:0;border-radius:12px;box-shadow:0 12px 40px rgba(0,0,0,.25);background:#fff"></iframe>` +
      `<div style="position:absolute;left:640px;top:120px;width:520px;font:600 40px/1.25 system-ui,sans-serif;color:#1b1e23">${words}</div>` +
      `</body>`,
  );
  const popup = page.frameLocator('iframe');
  await popup.getByTestId('call-summary').waitFor();
  if (tab) {
    await popup.getByRole('tab', { name: tab }).click();
    await popup.locator('.recharts-surface').first().waitFor();
  }
  await page.screenshot({ path: path.join(OUT, file) });
  await page.close();
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
    // What the popup shows first (600 px, Chrome's popup height), then all of it.
    await popup.screenshot({ path: path.join(OUT, `popup-first-screen${suffix}.png`) });
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

    for (const name of ['welcome', 'privacy']) {
      const page = await browser.context.newPage();
      watchConsole(page, errors);
      await page.setViewportSize({ width: 900, height: 900 });
      await page.goto(browser.url(`${name}.html`));
      await page.locator('h1').waitFor();
      await page.screenshot({ path: path.join(OUT, `${name}${suffix}.png`), fullPage: true });
      if (name === 'welcome' && scheme === 'light') {
        await page.setViewportSize(STORE);
        await page.evaluate(() => window.scrollTo(0, 0));
        await caption(page, 'A minute to start: what it measures, what it never does, and a microphone check.');
        await page.screenshot({ path: path.join(OUT, 'store-4-welcome.png') });
      }
      await page.close();
    }

    if (scheme === 'light') {
      await storePopup(
        browser,
        errors,
        'store-1-summary.png',
        'After each call: your share of the talk against a fair share, and one tip for next time.',
      );
      await storePopup(
        browser,
        errors,
        'store-2-trends.png',
        'Week by week: the listening habits you are building.',
        'Trends',
      );
    }
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
