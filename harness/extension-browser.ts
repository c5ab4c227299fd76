// Shared by scripts/screenshots.ts and bench/popup.ts: build the extension into its own
// folder, load it into Debian's Chromium through Playwright, and seed calls through the real
// import on the settings page (so seeding exercises the same validation and store as a person).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'wxt';
import type { CallRecord } from '../lib/record/types';
import { exportCallsJson } from '../lib/record/transfer';
import { CHROMIUM, QUIET_CHROMIUM_ARGS } from './browser';

const CHROMIUM_ARGS = ['--headless=new', ...QUIET_CHROMIUM_ARGS];

/**
 * Builds into `.output/<name>/chrome-mv3`, away from `.output/chrome-mv3`, which other work on
 * this checkout may be building or testing at the same moment.
 */
export async function buildExtension(name: string): Promise<string> {
  const outDir = path.resolve('.output', name);
  await build({ outDir, logger: { ...console, debug() {}, info() {}, log() {}, success() {} } as never });
  return path.join(outDir, 'chrome-mv3');
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  url(page: string): string;
  close(): Promise<void>;
}

export async function launchExtension(
  extensionDir: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<ExtensionBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lc-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new above: the old headless mode cannot load extensions
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1000, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    url: (page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Imports `calls` with the settings page's import button; resolves once the report shows. */
export async function seedCalls(browser: ExtensionBrowser, calls: CallRecord[]): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lc-seed-'));
  const file = path.join(dir, 'calls.json');
  await writeFile(file, exportCallsJson(calls, Date.now()));
  const page = await browser.context.newPage();
  await page.goto(browser.url('options.html'));
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByTestId('import-report').getByText(`Imported ${calls.length} calls`).waitFor({ timeout: 120_000 });
  await page.close();
  await rm(dir, { recursive: true, force: true });
}

/** Fails loudly on console errors: the pages must run clean. */
export function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}
