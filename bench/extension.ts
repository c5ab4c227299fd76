// The extension itself, for `npm run bench`: what it weighs (`wxt zip`, the content script) and what
// the live pipeline costs in Chromium (bench/live.ts's CPU run over a fixture call).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../cli/recording';

const OUTPUT_DIR = path.join(PROJECT_ROOT, '.output');

export interface PackageSizes {
  zipFile: string;
  zipKb: number;
  /** Every script the manifest injects into meeting pages, by file name. */
  contentScriptsKb: Record<string, number>;
}

export interface LiveCpu {
  minutes: number;
  /** % of one core, whole browser, averaged over the call. */
  withCoachPct: number;
  withoutExtensionPct: number;
  /** The difference: the coach's share. */
  coachPct: number;
  /** bench-live's own table, for the report. */
  table: string;
}

const kb = (file: string) => fs.statSync(file).size / 1024;

/** Builds and zips the extension as the store would get it, then sizes the zip and the content scripts. */
export function packageSizes(): PackageSizes {
  const startedMs = Date.now();
  // As harness/build.ts builds it: a production build whatever NODE_ENV the caller has.
  execFileSync('npx', ['wxt', 'zip'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const zip = fs
    .readdirSync(OUTPUT_DIR)
    .filter((f) => f.endsWith('-chrome.zip'))
    .map((f) => path.join(OUTPUT_DIR, f))
    .find((f) => fs.statSync(f).mtimeMs >= startedMs);
  if (!zip) throw new Error(`bench: wxt zip left no fresh *-chrome.zip in ${OUTPUT_DIR}`);
  const scriptsDir = path.join(OUTPUT_DIR, 'chrome-mv3/content-scripts');
  const contentScriptsKb = Object.fromEntries(
    fs
      .readdirSync(scriptsDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, kb(path.join(scriptsDir, f))]),
  );
  return { zipFile: path.relative(PROJECT_ROOT, zip), zipKb: kb(zip), contentScriptsKb };
}

/** The coach's CPU share over a fixture call of `minutes`, measured by bench-live (two calls:
 *  with the extension and without it). */
export function liveCpu(minutes: number): LiveCpu {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/live.ts', '--only', 'cpu', '--minutes', String(minutes)],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // bench-live prints a markdown table whose last row sums every process of the browser.
  const all = /^\| \*\*all\*\* \| (-?[\d.]+) % \| (-?[\d.]+) % \| \*\*(-?[\d.]+) %\*\* \|$/m.exec(run.stdout ?? '');
  if (run.status !== 0 || !all)
    throw new Error(`bench: bench-live's CPU run failed (exit ${run.status}):\n${run.stdout}`);
  const table = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');
  return {
    minutes,
    withCoachPct: Number(all[1]),
    withoutExtensionPct: Number(all[2]),
    coachPct: Number(all[3]),
    table,
  };
}
