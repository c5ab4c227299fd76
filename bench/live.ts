// `npm run bench:live`: what the live pipeline costs inside the extension, in real Chromium.
//   1. CPU per second of call: a fixture Meet call (remote voices over WebRTC, fake mic) measured
//      from /proc for every thread of the browser, with the extension and without it, plus a V8
//      profile of the page's main thread split by the coach's source files (details below).
//   2. Turn-change latency: when the engine's final timeline says a turn changed hands vs when the
//      overlay showed the new floor holder.
//   3. Heap after a simulated 1-hour call vs after 1 minute: the engine driven with synthetic audio
//      at full speed in a page, as the live session drives it (live view every 100 ms, a snapshot
//      every 5 s).
// Options: --minutes N (length of each CPU run, default 1), --runs N (CPU runs each way, default 3),
// --only cpu|latency|heap, --save-profile FILE (the page's V8 profile, a .cpuprofile for DevTools).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchCoachBrowser } from '../harness/browser';
import { ROOT } from '../harness/build';
import { waitForCall, waitForOverlayState } from '../harness/coach';
import { join, leave, openFixtureCall } from '../harness/fixture-call';
import { startFixtureServer, type FixtureServer } from '../harness/https-server';
import { espeakScene, sharedScene, sharedScenesMissing, tempDir, type Scene } from '../harness/scenes';
import { median as medianOf } from '../lib/median';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    'save-profile': { type: 'string' },
  },
});
const minutes = Number(args.minutes);
const runCount = Number(args.runs);
const runs = (part: string) => !args.only || args.only === part;
const log = (line: string) => console.log(line);

// ── 1. CPU ────────────────────────────────────────────────────────────────────────────────────
//
// Three views of the same fixture call, each repeated (--runs) and reported as medians:
//   a. every thread of the browser from /proc/<pid>/task/<tid>/stat, named by /proc/…/comm, with
//      the extension and without it: the difference per thread is what the coach costs there
//      (the AudioWorklet thread, the second mic capture, the model worker, the page's main thread…);
//   b. the page main thread's JavaScript, from a V8 sampling profile of the page (CDP Profiler),
//      each sample charged to the extension source file it runs in (the benchmark's own build has
//      source maps): engine vs overlay vs capture messaging vs the rest of the coach. A separate
//      run, since the profiler costs CPU itself;
//   c. the whole browser, with vs without the extension (the old single figure).

const CLOCK_TICKS_PER_SEC = 100; // Linux USER_HZ

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function statTicks(path: string): { ppid: number; ticks: number } {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }; // utime + stime
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid } = statTicks(`/proc/${entry}/stat`);
      out.push({
        pid: Number(entry),
        ppid,
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function processKind(cmdline: string): string {
  if (cmdline.includes('--type=renderer'))
    return cmdline.includes('--extension-process') ? 'extension renderer' : 'page renderer';
  if (cmdline.includes('--utility-sub-type=audio')) return 'audio service';
  if (cmdline.includes('--type=gpu-process')) return 'gpu';
  if (!cmdline.includes('--type=')) return 'browser';
  return 'other helpers';
}

/** Chromium's thread names, cut to 15 characters by the kernel, as the table shows them. */
function threadLabel(comm: string, isMain: boolean): string {
  if (isMain) return 'main';
  if (comm.startsWith('Realtime AudioW')) return 'AudioWorklet';
  if (comm.startsWith('AudioOutputDevi')) return 'AudioOutputDevice';
  if (comm.startsWith('AudioInputDevic')) return 'AudioInputDevice';
  if (comm.startsWith('DedicatedWorker')) return 'DedicatedWorker';
  if (comm.startsWith('ServiceWorker')) return 'ServiceWorker';
  if (comm.startsWith('AudioWorkerThre')) return 'AudioWorkerThread';
  if (comm.startsWith('ThreadPool')) return comm.replace(/\d+$/, '');
  return comm;
}

/** CPU ticks so far of every thread of the browser whose profile is `userDataDir`, keyed by tid,
 *  with the row ("process kind · thread") it is counted in. */
function browserThreads(userDataDir: string): Map<string, { row: string; ticks: number }> {
  const procs = readProcs();
  const root = procs.find(
    (p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='),
  );
  if (!root) throw new Error('browser process not found');
  const threads = new Map<string, { row: string; ticks: number }>();
  const add = (p: Proc) => {
    const kind = processKind(p.cmdline);
    try {
      for (const tid of readdirSync(`/proc/${p.pid}/task`)) {
        const comm = readFileSync(`/proc/${p.pid}/task/${tid}/comm`, 'utf8').trim();
        const { ticks } = statTicks(`/proc/${p.pid}/task/${tid}/stat`);
        threads.set(`${p.pid}/${tid}`, { row: `${kind} · ${threadLabel(comm, tid === String(p.pid))}`, ticks });
      }
    } catch {
      // the process ended while we looked
    }
    for (const child of procs.filter((c) => c.ppid === p.pid)) add(child);
  };
  add(root);
  return threads;
}

/** Share of one core per row over the measured stretch. */
type CpuByRow = Map<string, number>;

function cpuBetween(
  before: Map<string, { ticks: number }>,
  after: Map<string, { row: string; ticks: number }>,
  wallSec: number,
): CpuByRow {
  const byRow: CpuByRow = new Map();
  for (const [tid, { row, ticks }] of after) {
    const used = (ticks - (before.get(tid)?.ticks ?? 0)) / CLOCK_TICKS_PER_SEC;
    byRow.set(row, (byRow.get(row) ?? 0) + used / wallSec);
  }
  return byRow;
}

interface CallRunOptions {
  withExtension: boolean;
  extensionDir: string;
  /** Sample the page's JavaScript with V8's profiler instead of reading /proc. */
  profile?: boolean;
}

interface CallRun {
  cpu: CpuByRow;
  /** Page main-thread JavaScript per category, seconds per second of call (profiled runs). */
  js?: Map<string, number>;
}

async function measureCall(server: FixtureServer, scene: Scene, options: CallRunOptions): Promise<CallRun> {
  try {
    return await measureCallOnce(server, scene, options);
  } catch (error) {
    // A browser that did not come up as a call (see below) is started again, once.
    log(`(a run did not start: ${String(error)}; once more)`);
    return measureCallOnce(server, scene, options);
  }
}

async function measureCallOnce(server: FixtureServer, scene: Scene, options: CallRunOptions): Promise<CallRun> {
  const browser = await launchCoachBrowser({
    serverPort: server.port,
    micWav: scene.self,
    withExtension: options.withExtension,
    extensionDir: options.extensionDir,
  });
  try {
    // The background's first start puts the coach into meeting tabs already open; a tab opened
    // while it does so can get the coach twice. Let it finish first.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const page = await openFixtureCall(browser, 'meet', { others: server.addAudio('bench-others.wav', scene.others) });
    await join(page);
    if (options.withExtension) await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(5000); // settle: model loaded, first saves done
    const cdp = options.profile ? await browser.context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
      await cdp.send('Profiler.start');
    }
    const before = browserThreads(browser.userDataDir);
    const startedMs = Date.now();
    await page.waitForTimeout(minutes * 60_000);
    const after = browserThreads(browser.userDataDir);
    const wallSec = (Date.now() - startedMs) / 1000;
    const run: CallRun = { cpu: cpuBetween(before, after, wallSec) };
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      if (args['save-profile']) writeFileSync(args['save-profile'], JSON.stringify(profile)); // opens in DevTools
      run.js = await attributeProfile(profile, browser.extensionId, options.extensionDir, wallSec);
    }
    return run;
  } finally {
    await browser.close();
  }
}

// ── 1b. Page main-thread JavaScript by source ────────────────────────────────────────────────

const PROFILE_INTERVAL_US = 250;

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** What each part of the coach's code is, by the source file a profile sample ran in. */
const JS_CATEGORIES: [category: string, source: RegExp][] = [
  ['engine (lib/engine)', /lib\/engine\//],
  [
    'overlay (React view, connector, nudges)',
    /components\/|node_modules\/(react|react-dom|scheduler)\/|extension\/content\/overlay|lib\/coaching\/|content-script-ui/,
  ],
  ['capture & classifier messaging', /extension\/(capture|classifier)\//],
  ['call session, site reading, status', /extension\/|lib\/|entrypoints\/|node_modules\//],
];

async function attributeProfile(
  profile: CpuProfile,
  extensionId: string,
  extensionDir: string,
  wallSec: number,
): Promise<Map<string, number>> {
  const { SourceMapConsumer } = await import('source-map-js');
  const maps = new Map<string, InstanceType<typeof SourceMapConsumer> | null>();
  const prefix = `chrome-extension://${extensionId}/`;
  const sourceOf = (url: string, line: number, column: number): string => {
    if (!maps.has(url)) {
      const file = `${extensionDir}/${url.slice(prefix.length)}.map`;
      maps.set(url, existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8'))) : null);
    }
    const map = maps.get(url);
    return map?.originalPositionFor({ line: line + 1, column })?.source ?? url;
  };
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const categoryOf = new Map<number, string>();
  const categorize = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    // The nearest frame (this one or a caller) in the extension's code decides; native functions
    // it calls (postMessage, JSON.stringify…) count with it.
    let category = 'page (not the coach)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, lineNumber, columnNumber, functionName } = byId.get(at)!.callFrame;
      if (url.startsWith(prefix)) {
        const source = sourceOf(url, lineNumber, columnNumber);
        category = JS_CATEGORIES.find(([, re]) => re.test(source))?.[0] ?? 'call session, site reading, status';
        break;
      }
      if (!url && at === id && /^\((garbage collector|program|idle)\)$/.test(functionName)) {
        category = functionName === '(idle)' ? 'idle' : `${functionName.slice(1, -1)} (any script)`;
        break;
      }
    }
    categoryOf.set(id, category);
    return category;
  };
  const seconds = new Map<string, number>();
  // timeDeltas[i] is the time before sample i; it is charged to sample i.
  profile.samples.forEach((id, i) => {
    const category = categorize(id);
    seconds.set(category, (seconds.get(category) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1e6);
  });
  seconds.delete('idle');
  for (const [k, v] of seconds) seconds.set(k, v / wallSec);
  return seconds;
}

// ── 1c. The table ────────────────────────────────────────────────────────────────────────────

/** Over the runs; 0 for none (--runs 0). */
const median = (xs: number[]) => medianOf(xs) ?? 0;
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const spread = (xs: number[]) =>
  xs.length > 1 ? `${(100 * Math.min(...xs)).toFixed(2)}–${(100 * Math.max(...xs)).toFixed(2)}` : '';

/** Rows of the per-thread table that belong to the live pipeline (engine + classifier + worklet),
 *  besides the page main thread's engine and messaging share, which the profile gives. */
const PIPELINE_ROWS = [
  'page renderer · AudioWorklet',
  'extension renderer · DedicatedWorker',
  'extension renderer · main',
];
/** Rows that belong to the coach's own mic capture (the site has one of its own). */
const MIC_ROWS = [
  'page renderer · AudioInputDevice',
  'audio service · FakeAudioInput',
  'audio service · AudioProcessing',
  'audio service · AudioWorkerThread',
];

async function cpuBench(server: FixtureServer, scene: Scene, extensionDir: string): Promise<void> {
  log(`\n## CPU per second of call (${runCount} runs of ${minutes} min each way, medians; % of one core)\n`);
  const runs: { withCoach: CpuByRow; without: CpuByRow }[] = [];
  // Alternating, so a neighbour's load on the machine falls on both sides alike.
  for (let i = 0; i < runCount; i++) {
    const withCoach = (await measureCall(server, scene, { withExtension: true, extensionDir })).cpu;
    const without = (await measureCall(server, scene, { withExtension: false, extensionDir })).cpu;
    runs.push({ withCoach, without });
    log(`run ${i + 1}/${runCount}: coach adds ${pct(sum(withCoach) - sum(without))} over the whole browser`);
  }
  const profiled = await measureCall(server, scene, { withExtension: true, extensionDir, profile: true });

  const withRuns = runs.map((r) => r.withCoach);
  const withoutRuns = runs.map((r) => r.without);
  const rows = [...new Set([...withRuns, ...withoutRuns].flatMap((m) => [...m.keys()]))].sort();
  const diffOf = (row: string) => runs.map((r) => (r.withCoach.get(row) ?? 0) - (r.without.get(row) ?? 0));
  log('\n### Per thread: with the coach vs without the extension\n');
  log('| process · thread | with the coach | without | difference (median) | difference, min–max over runs |');
  log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const a = median(withRuns.map((m) => m.get(row) ?? 0));
    const b = median(withoutRuns.map((m) => m.get(row) ?? 0));
    if (a < 0.0005 && b < 0.0005) continue; // idle threads
    log(`| ${row} | ${pct(a)} | ${pct(b)} | ${pct(median(diffOf(row)))} | ${spread(diffOf(row))} |`);
  }
  const totals = runs.map((r) => sum(r.withCoach) - sum(r.without));
  // The whole browser, in the row shape bench/extension.ts reads (runs' spread: in the totals).
  log(
    `| **all** | ${pct(median(withRuns.map(sum)))} | ${pct(median(withoutRuns.map(sum)))} | **${pct(median(totals))}** |`,
  );

  const js = profiled.js ?? new Map<string, number>();
  log('\n### Page main thread: JavaScript by source (one profiled run, sampled every 250 µs)\n');
  log('| part | CPU |');
  log('| --- | --- |');
  for (const [part, x] of [...js].sort((a, b) => b[1] - a[1])) log(`| ${part} | ${pct(x)} |`);
  const mainDiff = median(diffOf('page renderer · main'));
  const coachJs = [...js].filter(([k]) => !/page \(not|any script/.test(k)).reduce((t, [, v]) => t + v, 0);
  log(
    `\nThe coach's JavaScript on the page main thread: ${pct(coachJs)}; the main thread's whole difference with the ` +
      `coach: ${pct(mainDiff)} (the rest is native work: message delivery, style, layout and paint of the overlay, GC).`,
  );

  const part = (name: string) => js.get(name) ?? 0;
  const pipelineThreads = PIPELINE_ROWS.map((row) => [row, median(diffOf(row))] as const);
  const pipeline =
    part('engine (lib/engine)') +
    part('capture & classifier messaging') +
    pipelineThreads.reduce((total, [, cpu]) => total + cpu, 0);
  log('\n### Totals\n');
  log('| | CPU |');
  log('| --- | --- |');
  log(`| engine on the page main thread (profile) | ${pct(part('engine (lib/engine)'))} |`);
  log(
    `| capture & classifier messaging on the page main thread (profile) | ${pct(part('capture & classifier messaging'))} |`,
  );
  for (const [row, cpu] of pipelineThreads) log(`| ${row} (difference) | ${pct(cpu)} |`);
  log(`| **pipeline (engine + classifier + worklet)** | **${pct(pipeline)}** (target ≤ 0.50 %) |`);
  log(
    `| overlay and the rest of the coach's JS on the page main thread (profile) | ${pct(coachJs - part('engine (lib/engine)') - part('capture & classifier messaging'))} |`,
  );
  log(
    `| page main thread, native work with the coach (difference minus the coach's JS) | ${pct(mainDiff - coachJs)} |`,
  );
  log(
    `| the coach's own mic capture (${MIC_ROWS.map((r) => r.split(' · ')[1]).join(', ')}: difference) | ${pct(MIC_ROWS.reduce((t, r) => t + median(diffOf(r)), 0))} |`,
  );
  log(`| whole browser with vs without the extension | ${pct(median(totals))} (runs: ${totals.map(pct).join(', ')}) |`);
  log(
    '\nNoise: the machine is shared; the min–max column shows how far single runs stray. Differences below ' +
      `≈${pct(2 / (minutes * 60 * CLOCK_TICKS_PER_SEC))} per thread are one or two clock ticks.`,
  );
}

const sum = (m: CpuByRow) => [...m.values()].reduce((a, b) => a + b, 0);

/** The benchmark measures its own build (with source maps, for the profile), so a rebuild of
 *  .output by a test running alongside never changes the extension under measurement. */
function buildBenchExtension(): string {
  const dir = joinPath(ROOT, '.output/bench-live');
  mkdirSync(dir, { recursive: true });
  const config = joinPath(dir, 'wxt.config.ts');
  writeFileSync(
    config,
    `import { defineConfig } from 'wxt';\nimport base from '../../wxt.config';\n` +
      `export default defineConfig({ ...base, root: ${JSON.stringify(ROOT)}, outDir: ${JSON.stringify(joinPath(dir, 'out'))}, ` +
      `vite: () => ({ build: { sourcemap: true } }) });\n`,
  );
  log('building the benchmark’s copy of the extension (wxt build, with source maps)…');
  execFileSync('npx', ['wxt', 'build', '-c', config], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return joinPath(dir, 'out/chrome-mv3');
}

// ── 2. Turn-change latency ───────────────────────────────────────────────────────────────────

/** Clear turns with pauses between them: every change of speaker is a turn change. */
const TURNS = [
  { by: 'others', at: 0.5, text: 'Good morning. Shall we start with the roadmap?' },
  { by: 'self', at: 5, text: 'Yes, the roadmap first, then the hiring plan.' },
  { by: 'others', at: 9.5, text: 'Fine. The roadmap has three themes this year.' },
  { by: 'self', at: 14, text: 'Which theme is the most urgent?' },
  { by: 'others', at: 17.5, text: 'Reliability, without a doubt.' },
  { by: 'self', at: 21, text: 'Agreed. What does that mean for the team?' },
  { by: 'others', at: 25, text: 'Two engineers move to the platform group.' },
  { by: 'self', at: 29, text: 'That sounds right to me.' },
  { by: 'others', at: 32.5, text: 'Good. Next, the hiring plan.' },
  { by: 'self', at: 36, text: 'We have four open roles at the moment.' },
] as const;

async function latencyBench(server: FixtureServer, extensionDir: string): Promise<void> {
  log('\n## Turn change → overlay\n');
  const scene = espeakScene(TURNS, 42, tempDir('bench-latency'));
  const browser = await launchCoachBrowser({ serverPort: server.port, micWav: scene.self, extensionDir });
  try {
    const page = await openFixtureCall(browser, 'meet', {
      others: server.addAudio('latency-others.wav', scene.others),
    });
    await join(page);
    await waitForOverlayState(page, 'listening');
    await watchFloor(page);
    await page.waitForTimeout(40_000);
    const changes = (await page.evaluate('window.floorChanges')) as [number, string][];
    // The fixture's own clock for the remote voices: when it started them, plus the WebRTC jitter
    // buffer they crossed. A remote turn in the scene at T reached the page at start + T + jitter.
    const remote = (await page.evaluate(`(async () => ({
      startedAtMs: window.fixtureCall.timing.remoteStartedAtMs,
      jitterMs: await window.fixtureCall.remoteJitterBufferMs(),
    }))()`)) as { startedAtMs: number; jitterMs: number };
    await leave(page);
    const call = await waitForCall(browser, (c) => c.status === 'ended');

    const firstShown = (holder: string, afterMs: number) =>
      changes.find(([atMs, text]) => atMs >= afterMs - 500 && text.startsWith(holder))?.[0];

    // (a) From the turn change as the engine timed it in the call's audio clock.
    const fromEngine: number[] = [];
    const turns = call.timeline.turns;
    for (const [i, [by, startTick]] of turns.entries()) {
      const previous = turns[i - 1];
      if (!previous || by === previous[0]) continue;
      const changedAtMs = call.startedAtMs + startTick * call.timeline.tickSec * 1000;
      const shownAtMs = firstShown(by === 0 ? 'You' : 'Others', changedAtMs);
      if (shownAtMs !== undefined) fromEngine.push(shownAtMs - changedAtMs);
    }
    // (b) From the moment the remote voice reached the page (turns handed to the others only: the
    // fake mic's own start is not observable), capture delays included.
    const fromAudio: number[] = [];
    for (const [start] of scene.truth.others.slice(1)) {
      const arrivedAtMs = remote.startedAtMs + start * 1000 + remote.jitterMs;
      const shownAtMs = firstShown('Others', arrivedAtMs);
      if (shownAtMs !== undefined) fromAudio.push(shownAtMs - arrivedAtMs);
    }
    const summary = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(0);
      return `n ${sorted.length}, median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`;
    };
    log(`from the engine's turn start: ${summary(fromEngine)}`);
    log(`from the remote voice reaching the page: ${summary(fromAudio)}`);
    log('(target ≤ 250 ms)');
  } finally {
    await browser.close();
  }
}

/** Records every change of the overlay's floor line with its wall-clock time, inside the page.
 *  (A string: tsx would wrap named inner functions in a helper the page does not have.) */
function watchFloor(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    window.floorChanges = [];
    const shadow = document.querySelector('listening-coach-overlay').shadowRoot;
    let last = '';
    new MutationObserver(() => {
      const line = [...shadow.querySelectorAll('.lc-line')].map((e) => e.textContent || '').find((t) => t.includes('floor')) || '';
      const holder = line.split(' have')[0].split(' has')[0];
      if (holder !== last) {
        last = holder;
        window.floorChanges.push([Date.now(), holder]);
      }
    }).observe(shadow, { subtree: true, childList: true, characterData: true });
  })()`);
}

// ── 3. Heap over a long call ─────────────────────────────────────────────────────────────────

/** The engine and a synthetic two-person conversation, bundled for a page. */
const HEAP_DRIVER = `
import { createEngine } from './lib/engine/engine';
import { toCompactTimeline } from './lib/record/timeline';
const RATE = 16000, CHUNK = 320;
const engine = createEngine({ sampleRate: RATE, classifier: () => Promise.resolve(0.9) });
let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
// Turns of 2-10 s alternate, with 0.3-1.5 s pauses; sometimes the listener says "mm-hm" (0.4 s).
let t = 0, holder = 0, turnEnd = 0, pauseEnd = 0, bcAt = -1;
const self = new Float32Array(CHUNK), others = new Float32Array(CHUNK);
function fill(buf, on, i0) {
  for (let i = 0; i < CHUNK; i++) {
    const s = (i0 + i) / RATE;
    const syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * s);
    buf[i] = (rnd() * 2 - 1) * (on ? 0.1 * syllable : 0.0003);
  }
}
window.benchEngine = {
  async run(seconds) {
    const until = t + seconds;
    let n = Math.round(t * RATE);
    while (t < until) {
      if (t >= turnEnd && t >= pauseEnd) {
        if (turnEnd > 0) { holder = 1 - holder; pauseEnd = t + 0.3 + rnd() * 1.2; }
        turnEnd = pauseEnd + 2 + rnd() * 8;
        bcAt = rnd() < 0.4 ? pauseEnd + 1 + rnd() * 2 : -1;
      }
      const speaking = t >= pauseEnd && t < turnEnd;
      const bc = bcAt > 0 && t >= bcAt && t < bcAt + 0.4;
      fill(self, holder === 0 ? speaking : bc, n);
      fill(others, holder === 1 ? speaking : bc, n);
      engine.push(self, others);
      await 0; // let the classifier's verdicts arrive, as they do between live chunks
      n += CHUNK; t = n / RATE;
      if (n % 1600 === 0) { engine.live(); engine.takeEvents(); }
      if (n % (5 * RATE) === 0) engine.snapshot(); // the session saves every 5 s
    }
    const s = engine.snapshot();
    return { seconds: t, turns: s.turns.length, segmentsSelf: s.segments.self.length, events: s.events.length,
      snapshotKb: JSON.stringify(s).length / 1024, compactKb: JSON.stringify(toCompactTimeline(s)).length / 1024 };
  },
};
`;

async function heapBench(): Promise<void> {
  log('\n## Heap: 1 minute vs 1 hour of call\n');
  const bundle = await build({
    stdin: { contents: HEAP_DRIVER, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  });
  const browser = await launchCoachBrowser({ serverPort: 0, micWav: '/dev/null', withExtension: false });
  try {
    const page = await browser.context.newPage();
    const [driver] = bundle.outputFiles;
    if (!driver) throw new Error('esbuild wrote no heap driver');
    await page.addScriptTag({ content: driver.text });
    const cdp = await browser.context.newCDPSession(page);
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize / 2 ** 20;
    };
    const baseline = await heapMb();
    const run = (seconds: number) =>
      page.evaluate(
        (s) => (window as unknown as { benchEngine: { run(s: number): Promise<unknown> } }).benchEngine.run(s),
        seconds,
      );
    const started = Date.now();
    const oneMinute = await run(60);
    const heap1 = await heapMb();
    const oneHour = await run(59 * 60);
    const heap60 = await heapMb();
    log('| after | JS heap (MB) | turns | events | result JSON (KB) | compact timeline (KB) |');
    log('| --- | --- | --- | --- | --- | --- |');
    log(`| page with the engine loaded | ${baseline.toFixed(1)} | | | | |`);
    for (const [label, heap, r] of [
      ['1 minute', heap1, oneMinute],
      ['1 hour', heap60, oneHour],
    ] as const) {
      const x = r as { turns: number; events: number; snapshotKb: number; compactKb: number };
      log(
        `| ${label} | ${heap.toFixed(1)} | ${x.turns} | ${x.events} | ${x.snapshotKb.toFixed(0)} | ${x.compactKb.toFixed(0)} |`,
      );
    }
    log(`\n(1 hour of audio took ${((Date.now() - started) / 1000).toFixed(0)} s to process here)`);
  } finally {
    await browser.close();
  }
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────

const extensionDir = runs('cpu') || runs('latency') ? buildBenchExtension() : '';
const server = await startFixtureServer();
try {
  if (runs('cpu')) {
    const scene = sharedScenesMissing()
      ? espeakScene(TURNS, 42, tempDir('bench-cpu'))
      : sharedScene('d01_pair_clean', 184, tempDir('bench-cpu'));
    await cpuBench(server, scene, extensionDir);
  }
  if (runs('latency')) await latencyBench(server, extensionDir);
  if (runs('heap')) await heapBench();
} finally {
  await server.close();
}
