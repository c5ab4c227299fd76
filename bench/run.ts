// `npm run bench`: this project's engine against the voice detectors a user would pick instead —
// Silero VAD (v5, as @ricky0123/vad-web runs it) and WebRTC VAD (libfvad) — on the same audio in
// the same run (README "Benchmarks"):
//   1. accuracy with the shared scorer on ../shared/evalsets (synthetic scenes, real clips as the
//      remote channel only, the real telephone calls) and on the harder variants of
//      cli/stress-scenes.ts (cli/eval-sets.ts);
//   2. speed: CPU per second of call, real-time factor and peak memory over a ≥ 30-minute call,
//      each contender in its own process;
//   3. the extension in Chromium: the live pipeline's CPU share over a fixture call
//      (bench/live.ts), the zip's size and the content scripts' size.
// Options: --skip-browser, --browser-minutes N (default 10), --out FILE (default bench-results/bench.json).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  contender,
  CONTENDERS,
  ENGINE_CONTENDERS,
  PEER_CONTENDERS,
  webrtcContender,
  type Contender,
  type ContenderId,
} from './contenders';
import { liveCpu, packageSizes, type LiveCpu, type PackageSizes } from './extension';
import { WEBRTC_MODE, WEBRTC_MODES, type WebrtcMode } from './peers/webrtc-vad';
import { measureSpeedInChild, runSpeedChild, type SpeedResult } from './speed';
import { scoreSet, type SetId } from '../cli/eval-sets';
import { REAL_CALLS_DIR, REAL_DIR, SCORER, SYNTHETIC_DIR, type Analyzer, type Scored } from '../cli/evaluate';
import { PROJECT_ROOT } from '../cli/recording';

const { values: args } = parseArgs({
  options: {
    'skip-browser': { type: 'boolean' },
    'browser-minutes': { type: 'string', default: '10' },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench-results/bench.json') },
    'speed-child': { type: 'string' }, // internal: this file re-run as one contender's speed process
  },
});
// ── accuracy ────────────────────────────────────────────────────────────────────────────────

const SETS = ['synthetic', 'real', 'stress', 'telephone'] as const satisfies readonly SetId[];
type SetName = (typeof SETS)[number];
type Accuracy = Record<SetName, Scored>;

const events = ['interruption', 'talkover', 'backchannel'] as const;
const countEvents = (s: Scored, kind: 'fp' | 'fn') =>
  s.rows.reduce((n, r) => n + events.reduce((m, e) => m + r.events[e][kind], 0), 0);
const callMinutes = (s: Scored) => s.rows.reduce((n, r) => n + r.duration, 0) / 60;

/** What the tables compare, each with the direction that is better. Real clips have no mic
 *  channel and no talk share to speak of: only the others' F1 counts there. On the telephone
 *  calls, events count too: every interruption, talk-over and backchannel reported that the
 *  reference does not have (per 10 minutes of call), and every one of the reference's missed. */
interface Figure {
  set: SetName;
  label: string;
  measure: (s: Scored) => number;
  better: 'higher' | 'lower';
  digits: number;
}

/** The speech figures every set with both channels reports, named after the set. */
const speechFigures = (set: SetName, name: string): Figure[] => [
  { set, label: `${name} F1 me`, measure: (s) => s.summary.vadSelfF1, better: 'higher', digits: 3 },
  { set, label: `${name} F1 others`, measure: (s) => s.summary.vadOthersF1, better: 'higher', digits: 3 },
  { set, label: `${name} share err (pp)`, measure: (s) => s.summary.talkShareErrPpMean, better: 'lower', digits: 2 },
];

const FIGURES: Figure[] = [
  ...speechFigures('synthetic', 'synthetic'),
  { set: 'real', label: 'real F1 others', measure: (s) => s.summary.vadOthersF1, better: 'higher', digits: 3 },
  ...speechFigures('stress', 'stress'),
  ...speechFigures('telephone', 'calls'),
  {
    set: 'telephone',
    label: 'calls false events / 10 min',
    measure: (s) => (countEvents(s, 'fp') / callMinutes(s)) * 10,
    better: 'lower',
    digits: 1,
  },
  { set: 'telephone', label: 'calls missed events', measure: (s) => countEvents(s, 'fn'), better: 'lower', digits: 0 },
];

async function accuracy(analyze: Analyzer): Promise<Accuracy> {
  const scored = {} as Accuracy;
  for (const id of SETS) scored[id] = await scoreSet(id, analyze);
  return scored;
}

// ── report ──────────────────────────────────────────────────────────────────────────────────

const log = (line = '') => console.log(line);
const progress = (line: string) => console.error(`bench: ${line}`);
const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function table(header: string[], rows: (string | number)[][]): void {
  log(`| ${header.join(' | ')} |`);
  log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) log(`| ${row.join(' | ')} |`);
}

function figure(acc: Accuracy, f: Figure): string {
  return fixed(f.measure(acc[f.set]), f.digits);
}

interface Comparison {
  engine: ContenderId;
  peer: ContenderId;
  /** engine ÷ peer, per accuracy figure (label → ratio). */
  accuracy: Record<string, number>;
  cpu: number;
  /** The contenders' own peak memory (above the audio loaded for the run). */
  rss: number;
  /** Figures where the engine does worse than the peer. */
  losses: string[];
}

function compare(
  engine: ContenderId,
  peer: ContenderId,
  acc: Record<ContenderId, Accuracy>,
  speed: Record<ContenderId, SpeedResult>,
): Comparison {
  const ratios: Record<string, number> = {};
  for (const f of FIGURES) ratios[f.label] = f.measure(acc[engine][f.set]) / f.measure(acc[peer][f.set]);
  return {
    engine,
    peer,
    accuracy: ratios,
    cpu: speed[engine].cpuMsPerAudioSec / speed[peer].cpuMsPerAudioSec,
    rss: speed[engine].ownRssMb / speed[peer].ownRssMb,
    losses: losses(acc[engine], acc[peer]),
  };
}

/** The figures where `a` does worse than `b`, with both values. */
function losses(a: Accuracy, b: Accuracy): string[] {
  return FIGURES.filter((f) =>
    f.better === 'higher' ? f.measure(a[f.set]) < f.measure(b[f.set]) : f.measure(a[f.set]) > f.measure(b[f.set]),
  ).map((f) => `${f.label}: ${figure(a, f)} vs ${figure(b, f)}`);
}

interface Results {
  finishedAt: string;
  minutes: number;
  /** The commit measured (`-dirty`: with uncommitted changes in the checkout). */
  git: string;
  machine: { node: string; cpus: number; cpuModel?: string };
  contenders: Record<ContenderId, { label: string; settings: Record<string, unknown> }>;
  accuracy: Record<ContenderId, Accuracy>;
  webrtcModes: Record<WebrtcMode, Accuracy>;
  speed: Record<ContenderId, SpeedResult>;
  comparisons: Comparison[];
  /** The targets are about the engine as shipped, with its YAMNet gate. */
  targets: {
    moreAccurateThanBothPeersEverywhere: boolean;
    lossesToWebrtcModes: Record<string, string[]>;
    timesFasterThanSilero: number;
    atLeastTwiceAsFastAsSilero: boolean;
  };
  extension: (PackageSizes & { live: LiveCpu }) | null;
}

function printReport(r: Results): void {
  const label = (id: ContenderId) => r.contenders[id].label;
  log('## Accuracy (shared scorer: speech F1 per 10 ms frame, talk-share error in percentage points)\n');
  table(
    ['detector', ...FIGURES.map((f) => f.label)],
    CONTENDERS.map((id) => [label(id), ...FIGURES.map((f) => figure(r.accuracy[id], f))]),
  );
  log(`\n### WebRTC VAD in each mode (the comparison uses mode ${WEBRTC_MODE})\n`);
  table(
    ['mode', ...FIGURES.map((f) => f.label)],
    WEBRTC_MODES.map((mode) => [mode, ...FIGURES.map((f) => figure(r.webrtcModes[mode], f))]),
  );

  log(
    `\n## Speed (one ${fixed(r.speed.engine.audioSec / 60, 1)}-minute call, both channels, 20 ms blocks, each detector in its own process)\n`,
  );
  table(
    ['detector', 'CPU ms per s of call', 'real-time factor', 'peak RSS (MB)', 'own RSS (MB)'],
    CONTENDERS.map((id) => {
      const s = r.speed[id];
      return [
        label(id),
        fixed(s.cpuMsPerAudioSec, 3),
        fixed(s.realTimeFactor, 4),
        fixed(s.peakRssMb, 0),
        fixed(s.ownRssMb, 1),
      ];
    }),
  );

  log('\n## Ratios: this engine ÷ peer (F1: above 1 is better; share error, CPU, RSS: below 1 is better)\n');
  table(
    ['engine ÷ peer', ...FIGURES.map((f) => f.label), 'CPU', 'own RSS'],
    r.comparisons.map((c) => [
      `${label(c.engine)} ÷ ${label(c.peer)}`,
      ...FIGURES.map((f) => fixed(c.accuracy[f.label] ?? NaN, 3)),
      fixed(c.cpu, 3),
      fixed(c.rss, 2),
    ]),
  );

  const t = r.targets;
  log(`\n## Targets (${label('engine')})\n`);
  log(`- more accurate than both peers on every set: ${t.moreAccurateThanBothPeersEverywhere ? 'yes' : 'NO'}`);
  for (const c of r.comparisons.filter((c) => c.engine === 'engine'))
    for (const loss of c.losses) log(`  - behind ${label(c.peer)}: ${loss}`);
  const beatsEveryMode = Object.values(t.lossesToWebrtcModes).every((l) => l.length === 0);
  log(`- more accurate than WebRTC VAD in every mode (0–3), not only ${WEBRTC_MODE}: ${beatsEveryMode ? 'yes' : 'NO'}`);
  for (const [mode, list] of Object.entries(t.lossesToWebrtcModes))
    for (const loss of list) log(`  - behind mode ${mode}: ${loss}`);
  log(
    `- ≥ 2× faster than Silero (CPU): ${fixed(t.timesFasterThanSilero, 1)}× — ${t.atLeastTwiceAsFastAsSilero ? 'yes' : 'NO'}`,
  );

  log('\n## The extension in Chromium\n');
  const ext = r.extension;
  if (!ext) return log('(skipped: --skip-browser)');
  log(`- package (${ext.zipFile}): ${fixed(ext.zipKb, 0)} KB`);
  for (const [file, size] of Object.entries(ext.contentScriptsKb))
    log(`- content script ${file}: ${fixed(size, 1)} KB`);
  log(
    `- live pipeline over a ${ext.live.minutes}-minute fixture call: ${fixed(ext.live.coachPct, 2)} % of one core (bench-live's table below)\n`,
  );
  log(ext.live.table);
}

// ── main ────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  for (const needed of [SCORER, SYNTHETIC_DIR, REAL_DIR, REAL_CALLS_DIR]) {
    if (!fs.existsSync(needed)) {
      console.error(`bench: ${needed} not found (the evaluation sets live beside the checkout in ../shared)`);
      process.exit(1);
    }
  }
  const startedMs = Date.now();
  const contenders = Object.fromEntries(CONTENDERS.map((id) => [id, contender(id)])) as Record<ContenderId, Contender>;

  const acc = {} as Record<ContenderId, Accuracy>;
  const webrtcModes = {} as Record<WebrtcMode, Accuracy>;
  for (const id of CONTENDERS) {
    if (id === 'webrtc') continue; // scored below, in every mode
    progress(`accuracy: ${contenders[id].label}`);
    acc[id] = await accuracy(contenders[id].analyze);
  }
  for (const mode of WEBRTC_MODES) {
    progress(`accuracy: WebRTC VAD mode ${mode}`);
    webrtcModes[mode] = await accuracy(webrtcContender(mode).analyze);
  }
  acc.webrtc = webrtcModes[WEBRTC_MODE];

  const speed = {} as Record<ContenderId, SpeedResult>;
  for (const id of CONTENDERS) {
    progress(`speed: ${contenders[id].label}`);
    speed[id] = await measureSpeedInChild(import.meta.filename, id);
  }

  let extension: (PackageSizes & { live: LiveCpu }) | null = null;
  if (!args['skip-browser']) {
    progress('extension: wxt zip');
    const sizes = packageSizes();
    const minutes = Number(args['browser-minutes']);
    progress(
      `extension: live CPU over a ${minutes}-minute fixture call, with the coach and without (≈ ${2 * minutes + 1} min)`,
    );
    extension = { ...sizes, live: liveCpu(minutes) };
  }

  const comparisons = ENGINE_CONTENDERS.flatMap((engine) =>
    PEER_CONTENDERS.map((peer) => compare(engine, peer, acc, speed)),
  );
  const shipped = comparisons.filter((c) => c.engine === 'engine');
  const timesFasterThanSilero = 1 / shipped.find((c) => c.peer === 'silero')!.cpu;
  const lossesToWebrtcModes = Object.fromEntries(
    WEBRTC_MODES.map((mode) => [mode, losses(acc.engine, webrtcModes[mode])]),
  );
  const results: Results = {
    finishedAt: new Date().toISOString(),
    minutes: (Date.now() - startedMs) / 60_000,
    git: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim(),
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    contenders: Object.fromEntries(
      CONTENDERS.map((id) => [id, { label: contenders[id].label, settings: contenders[id].settings }]),
    ) as Results['contenders'],
    accuracy: acc,
    webrtcModes,
    speed,
    comparisons,
    targets: {
      moreAccurateThanBothPeersEverywhere: shipped.every((c) => c.losses.length === 0),
      lossesToWebrtcModes,
      timesFasterThanSilero,
      atLeastTwiceAsFastAsSilero: timesFasterThanSilero >= 2,
    },
    extension,
  };
  printReport(results);
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(results, null, 1));
  progress(`results in ${args.out} (${fixed(results.minutes, 1)} min)`);
}

if (args['speed-child']) {
  await runSpeedChild(args['speed-child'] as ContenderId);
} else {
  await main();
}
