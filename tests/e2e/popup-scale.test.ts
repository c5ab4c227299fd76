// 10,000 stored calls (seeded through the settings page's real import, 95 MB of JSON), then the popup
// opened several times in Chromium: the latest call, the first page of history, older pages, and
// twelve weeks of trends must all stay responsive. Budgets are for a loaded two-core CI machine;
// the measured figures are printed for the report (bench/popup.ts measures the same alone).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleCalls } from '../support/sample-calls';
import { exportCallsJson } from '../../lib/record/transfer';
import { launchCoachBrowser, type CoachBrowser } from '../../harness/browser';
import { startFixtureServer, type FixtureServer } from '../../harness/https-server';
import { silentWav, tempDir } from '../../harness/scenes';

const CALLS = 10_000;
const OPENINGS = 3;
const BUDGET_MS = { latest: 1000, history: 1000, olderPage: 1000, trends: 2500 };

/** Runs in the popup before its own scripts: notes the frame after the latest call's summary. */
const MARK_SUMMARY = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="call-summary"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__summaryFrameMs = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

/** The upper middle value; NaN for none, which is under no budget. */
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

let server: FixtureServer;
let browser: CoachBrowser;
const errors: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchCoachBrowser({
    serverPort: server.port,
    micWav: silentWav(join(tempDir('scale'), 'mic.wav'), 2),
  });
  const dir = mkdtempSync(join(tmpdir(), 'lc-seed-'));
  const file = join(dir, 'calls.json');
  writeFileSync(
    file,
    exportCallsJson(generateSampleCalls({ count: CALLS, seed: 10_000, endMs: Date.now() }), Date.now()),
  );
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const seeded = Date.now();
  await options.locator('input[type="file"]').setInputFiles(file);
  await options.getByTestId('import-report').getByText(`Imported ${CALLS} calls`).waitFor({ timeout: 180_000 });
  console.log(
    `[popup scale] ${CALLS} calls imported through the settings page in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
  );
  await options.close();
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe(`the popup with ${CALLS.toLocaleString('en')} stored calls`, () => {
  it('shows the latest call, history pages and trends within budget', async () => {
    const figures = {
      latest: [] as number[],
      history: [] as number[],
      olderPage: [] as number[],
      trends: [] as number[],
    };
    for (let run = 0; run < OPENINGS; run++) {
      const popup = await browser.context.newPage();
      popup.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      popup.on('pageerror', (e) => errors.push(e.message));
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.addInitScript(MARK_SUMMARY);
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await popup.waitForFunction(
        () => (window as unknown as { __summaryFrameMs?: number }).__summaryFrameMs !== undefined,
      );
      figures.latest.push(
        await popup.evaluate(() => (window as unknown as { __summaryFrameMs: number }).__summaryFrameMs),
      );

      let start = Date.now();
      await popup.getByRole('tab', { name: 'History' }).click();
      await popup.locator('.history-item').first().waitFor();
      figures.history.push(Date.now() - start);

      const shown = await popup.locator('.history-item').count();
      start = Date.now();
      await popup.getByRole('button', { name: 'Show older calls' }).click();
      await popup.locator('.history-item').nth(shown).waitFor();
      figures.olderPage.push(Date.now() - start);

      start = Date.now();
      await popup.getByRole('tab', { name: 'Trends' }).click();
      await popup.locator('.recharts-surface').first().waitFor();
      figures.trends.push(Date.now() - start);
      await popup.close();
    }
    const report = Object.entries(figures).map(
      ([name, values]) =>
        `${name} median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`,
    );
    console.log(`[popup scale] ${report.join('; ')}`);
    for (const [name, values] of Object.entries(figures))
      expect(median(values), name).toBeLessThan(BUDGET_MS[name as keyof typeof BUDGET_MS]);
    expect(errors).toEqual([]);
  });
});
