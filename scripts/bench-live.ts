// `npm run bench:live`: what the live pipeline costs inside the extension, in real Chromium.
//   1. CPU per second of call: a fixture Meet call (remote voices over WebRTC, fake mic) measured
//      from /proc for every process of the browser, with the extension and without it; the
//      difference is the coach (worklet, engine, overlay, speech model frame and worker, saves).
//   2. Turn-change latency: when the engine's final timeline says a turn changed hands vs when the
//      overlay showed the new floor holder.
//   3. Heap after a simulated 1-hour call vs after 1 minute: the engine driven with synthetic audio
//      at full speed in a page, as the live session drives it (live view every 100 ms, a snapshot
//      every 5 s).
// Options: --minutes N (CPU runs, default 3), --only cpu|latency|heap.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchCoachBrowser } from '../tests/e2e/support/browser';
import { ROOT, ensureExtensionBuilt } from '../tests/e2e/support/build';
import { waitForCall, waitForOverlayState } from '../tests/e2e/support/coach';
import { join, leave, openFixtureCall } from '../tests/e2e/support/fixture-call';
import { startFixtureServer, type FixtureServer } from '../tests/e2e/support/https-server';
import { espeakScene, sharedScene, sharedScenesMissing, tempDir, type Scene } from '../tests/e2e/support/scenes';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '3' }, only: { type: 'string' } } });
const minutes = Number(args.minutes);
const runs = (part: string) => !args.only || args.only === part;
const log = (line: string) => console.log(line);

// ── 1. CPU ────────────────────────────────────────────────────────────────────────────────────

const CLOCK_TICKS_PER_SEC = 100; // Linux USER_HZ

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
  cpuTicks: number;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
        cpuTicks: Number(fields[11]) + Number(fields[12]), // utime + stime
      });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function processKind(cmdline: string): string {
  if (cmdline.includes('--type=renderer')) return cmdline.includes('--extension-process') ? 'extension renderer' : 'page renderers';
  if (cmdline.includes('--utility-sub-type=audio')) return 'audio service';
  if (cmdline.includes('--type=gpu-process')) return 'gpu';
  if (!cmdline.includes('--type=')) return 'browser';
  return 'other helpers';
}

/** CPU ticks so far of every process of the browser whose profile is `userDataDir`, by kind. */
function browserCpu(userDataDir: string): Map<number, { kind: string; ticks: number }> {
  const procs = readProcs();
  const root = procs.find((p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='));
  if (!root) throw new Error('browser process not found');
  const tree = new Map<number, { kind: string; ticks: number }>();
  const add = (p: Proc) => {
    tree.set(p.pid, { kind: processKind(p.cmdline), ticks: p.cpuTicks });
    for (const child of procs.filter((c) => c.ppid === p.pid)) add(child);
  };
  add(root);
  return tree;
}

async function measureCall(server: FixtureServer, scene: Scene, withExtension: boolean): Promise<Map<string, number>> {
  const browser = await launchCoachBrowser({ serverPort: server.port, micWav: scene.self, withExtension });
  try {
    const page = await openFixtureCall(browser, 'meet', { others: server.addAudio('bench-others.wav', scene.others) });
    await join(page);
    if (withExtension) await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(5000); // settle: model loaded, first saves done
    const before = browserCpu(browser.userDataDir);
    const startedMs = Date.now();
    await page.waitForTimeout(minutes * 60_000);
    const after = browserCpu(browser.userDataDir);
    const wallSec = (Date.now() - startedMs) / 1000;
    const perKind = new Map<string, number>();
    for (const [pid, { kind, ticks }] of after) {
      const used = (ticks - (before.get(pid)?.ticks ?? 0)) / CLOCK_TICKS_PER_SEC;
      perKind.set(kind, (perKind.get(kind) ?? 0) + used / wallSec);
    }
    return perKind;
  } finally {
    await browser.close();
  }
}

async function cpuBench(server: FixtureServer, scene: Scene): Promise<void> {
  log(`\n## CPU per second of call (${minutes} min fixture call per run)\n`);
  const withCoach = await measureCall(server, scene, true);
  const without = await measureCall(server, scene, false);
  const kinds = [...new Set([...withCoach.keys(), ...without.keys()])].sort();
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  log('| process | with the coach | without the extension | difference |');
  log('| --- | --- | --- | --- |');
  let total = [0, 0];
  for (const kind of kinds) {
    const a = withCoach.get(kind) ?? 0;
    const b = without.get(kind) ?? 0;
    total = [total[0] + a, total[1] + b];
    log(`| ${kind} | ${pct(a)} | ${pct(b)} | ${pct(a - b)} |`);
  }
  log(`| **all** | ${pct(total[0])} | ${pct(total[1])} | **${pct(total[0] - total[1])}** |`);
  log('\n(% of one core, averaged over the run; target for the coach ≤ 0.5 %)');
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

async function latencyBench(server: FixtureServer): Promise<void> {
  log('\n## Turn change → overlay\n');
  const scene = espeakScene(TURNS, 42, tempDir('bench-latency'));
  const browser = await launchCoachBrowser({ serverPort: server.port, micWav: scene.self });
  try {
    const page = await openFixtureCall(browser, 'meet', { others: server.addAudio('latency-others.wav', scene.others) });
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
    for (let i = 1; i < turns.length; i++) {
      const [by, startTick] = turns[i];
      if (by === turns[i - 1][0]) continue;
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
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const cdp = await browser.context.newCDPSession(page);
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize / 2 ** 20;
    };
    const baseline = await heapMb();
    const run = (seconds: number) =>
      page.evaluate((s) => (window as unknown as { benchEngine: { run(s: number): Promise<unknown> } }).benchEngine.run(s), seconds);
    const started = Date.now();
    const oneMinute = await run(60);
    const heap1 = await heapMb();
    const oneHour = await run(59 * 60);
    const heap60 = await heapMb();
    log('| after | JS heap (MB) | turns | events | result JSON (KB) | compact timeline (KB) |');
    log('| --- | --- | --- | --- | --- | --- |');
    log(`| page with the engine loaded | ${baseline.toFixed(1)} | | | | |`);
    for (const [label, heap, r] of [['1 minute', heap1, oneMinute], ['1 hour', heap60, oneHour]] as const) {
      const x = r as { turns: number; events: number; snapshotKb: number; compactKb: number };
      log(`| ${label} | ${heap.toFixed(1)} | ${x.turns} | ${x.events} | ${x.snapshotKb.toFixed(0)} | ${x.compactKb.toFixed(0)} |`);
    }
    log(`\n(1 hour of audio took ${((Date.now() - started) / 1000).toFixed(0)} s to process here)`);
  } finally {
    await browser.close();
  }
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────

ensureExtensionBuilt(log);
const server = await startFixtureServer();
try {
  if (runs('cpu')) {
    const scene = sharedScenesMissing()
      ? espeakScene(TURNS, 42, tempDir('bench-cpu'))
      : sharedScene('d01_pair_clean', 184, tempDir('bench-cpu'));
    await cpuBench(server, scene);
  }
  if (runs('latency')) await latencyBench(server);
  if (runs('heap')) await heapBench();
} finally {
  await server.close();
}
