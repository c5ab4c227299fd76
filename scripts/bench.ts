// `npm run bench`: this project's engine against the voice detectors a user would pick instead —
// Silero VAD (v5, as @ricky0123/vad-web runs it) and WebRTC VAD (libfvad) — on the same audio in
// the same run (README "Benchmarks"):
//   1. accuracy with the shared scorer on ../shared/evalsets (synthetic scenes, real clips as the
//      remote channel only) and on the harder variants of cli/stress-scenes.ts;
//   2. speed: CPU per second of call, real-time factor and peak memory over a ≥ 30-minute call,
//      each contender in its own process;
//   3. the extension in Chromium: the live pipeline's CPU share over a fixture call
//      (scripts/bench-live.ts), the zip's size and the content scripts' size.
// Options: --skip-browser, --browser-minutes N (default 10), --out FILE (default bench-results/bench.json).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contender, CONTENDERS, webrtcContender, type Contender, type ContenderId } from '../bench/contenders';
import { liveCpu, packageSizes, type LiveCpu, type PackageSizes } from '../bench/extension';
import { WEBRTC_MODE, WEBRTC_MODES } from '../bench/peers/webrtc-vad';
import { measureSpeedInChild, runSpeedChild, type SpeedResult } from '../bench/speed';
import {
  predictRealWith,
  predictScenesWith,
  REAL_DIR,
  SCORER,
  scoreSummary,
  SYNTHETIC_DIR,
  type Analyzer,
  type EvalSet,
  type ScoreSummary,
} from '../cli/evaluate';
import { PROJECT_ROOT } from '../cli/recording';
import { makeStressScenes } from '../cli/stress-scenes';

const { values: args } = parseArgs({
  options: {
    'skip-browser': { type: 'boolean' },
    'browser-minutes': { type: 'string', default: '10' },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench-results/bench.json') },
    'speed-child': { type: 'string' }, // internal: this file re-run as one contender's speed process
  },
});
// ── accuracy ────────────────────────────────────────────────────────────────────────────────

const SETS = ['synthetic', 'real', 'stress'] as const;
type SetName = (typeof SETS)[number];
type Accuracy = Record<SetName, ScoreSummary>;

/** Speech F1 of my channel and the others', talk-share error: what the tables compare. Real clips
 *  have no mic channel and no talk share to speak of: only the others' F1 counts there. */
const FIGURES: { set: SetName; key: 'vadSelfF1' | 'vadOthersF1' | 'talkShareErrPpMean'; label: string }[] = [
  { set: 'synthetic', key: 'vadSelfF1', label: 'synthetic F1 me' },
  { set: 'synthetic', key: 'vadOthersF1', label: 'synthetic F1 others' },
  { set: 'synthetic', key: 'talkShareErrPpMean', label: 'synthetic share err (pp)' },
  { set: 'real', key: 'vadOthersF1', label: 'real F1 others' },
  { set: 'stress', key: 'vadSelfF1', label: 'stress F1 me' },
  { set: 'stress', key: 'vadOthersF1', label: 'stress F1 others' },
  { set: 'stress', key: 'talkShareErrPpMean', label: 'stress share err (pp)' },
];
const higherIsBetter = (key: string) => key !== 'talkShareErrPpMean';

async function accuracy(analyze: Analyzer, stressDir: string): Promise<Accuracy> {
  const scored = async (set: Promise<EvalSet>) => scoreSummary(await set).summary;
  return {
    synthetic: await scored(predictScenesWith(SYNTHETIC_DIR, analyze)),
    real: await scored(predictRealWith(analyze)),
    stress: await scored(predictScenesWith(stressDir, analyze)),
  };
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

function figure(acc: Accuracy, f: (typeof FIGURES)[number]): string {
  return fixed(acc[f.set][f.key], f.key === 'talkShareErrPpMean' ? 2 : 3);
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

function compare(engine: ContenderId, peer: ContenderId, acc: Record<ContenderId, Accuracy>, speed: Record<ContenderId, SpeedResult>): Comparison {
  const ratios: Record<string, number> = {};
  for (const f of FIGURES) ratios[f.label] = acc[engine][f.set][f.key] / acc[peer][f.set][f.key];
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
  return FIGURES.filter((f) => (higherIsBetter(f.key) ? a[f.set][f.key] < b[f.set][f.key] : a[f.set][f.key] > b[f.set][f.key])).map(
    (f) => `${f.label}: ${figure(a, f)} vs ${figure(b, f)}`,
  );
}

// ── main ────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  for (const needed of [SCORER, SYNTHETIC_DIR, REAL_DIR]) {
    if (!fs.existsSync(needed)) {
      console.error(`bench: ${needed} not found (the evaluation sets live beside the checkout in ../shared)`);
      process.exit(1);
    }
  }
  const startedMs = Date.now();
  const contenders = Object.fromEntries(CONTENDERS.map((id) => [id, contender(id)])) as Record<ContenderId, Contender>;

  progress('making the harder variants of the synthetic scenes');
  const stressDir = makeStressScenes();
  const acc = {} as Record<ContenderId, Accuracy>;
  const webrtcModes: Record<string, Accuracy> = {};
  try {
    for (const id of CONTENDERS) {
      if (id === 'webrtc') continue; // scored below, with every mode
      progress(`accuracy: ${contenders[id].label}`);
      acc[id] = await accuracy(contenders[id].analyze, stressDir);
    }
    for (const mode of WEBRTC_MODES) {
      progress(`accuracy: WebRTC VAD mode ${mode}`);
      webrtcModes[mode] = await accuracy(webrtcContender(mode).analyze, stressDir);
    }
    acc.webrtc = webrtcModes[WEBRTC_MODE];
  } finally {
    fs.rmSync(stressDir, { recursive: true, force: true });
  }

  const speed = {} as Record<ContenderId, SpeedResult>;
  for (const id of CONTENDERS) {
    progress(`speed: ${contenders[id].label}`);
    speed[id] = await measureSpeedInChild(import.meta.filename, id);
  }

  let sizes: PackageSizes | null = null;
  let live: LiveCpu | null = null;
  if (!args['skip-browser']) {
    progress('extension: wxt zip');
    sizes = packageSizes();
    const minutes = Number(args['browser-minutes']);
    progress(`extension: live CPU over a ${minutes}-minute fixture call, with the coach and without (≈ ${2 * minutes + 1} min)`);
    live = liveCpu(minutes);
  }

  const comparisons = (['engine', 'engine-detector'] as const).flatMap((engine) =>
    (['silero', 'webrtc'] as const).map((peer) => compare(engine, peer, acc, speed)),
  );

  // The report.
  log('## Accuracy (shared scorer: speech F1 per 10 ms frame, talk-share error in percentage points)\n');
  table(['detector', ...FIGURES.map((f) => f.label)], CONTENDERS.map((id) => [contenders[id].label, ...FIGURES.map((f) => figure(acc[id], f))]));
  log(`\n### WebRTC VAD modes (the comparison uses mode ${WEBRTC_MODE})\n`);
  table(
    ['mode', ...FIGURES.map((f) => f.label), 'mean F1'],
    WEBRTC_MODES.map((mode) => {
      const f1s = FIGURES.filter((f) => higherIsBetter(f.key)).map((f) => webrtcModes[mode][f.set][f.key]);
      return [mode, ...FIGURES.map((f) => figure(webrtcModes[mode], f)), fixed(f1s.reduce((a, b) => a + b, 0) / f1s.length, 3)];
    }),
  );

  log(`\n## Speed (one ${fixed(speed.engine.audioSec / 60, 1)}-minute call, both channels, 20 ms blocks, each in its own process)\n`);
  table(
    ['detector', 'CPU ms per s of call', 'real-time factor', 'peak RSS (MB)', 'own RSS (MB)'],
    CONTENDERS.map((id) => [
      contenders[id].label,
      fixed(speed[id].cpuMsPerAudioSec, 3),
      fixed(speed[id].realTimeFactor, 4),
      fixed(speed[id].peakRssMb, 0),
      fixed(speed[id].ownRssMb, 1),
    ]),
  );

  log('\n## Ratios: this engine ÷ peer (F1: above 1 is better; share error, CPU, RSS: below 1 is better)\n');
  table(
    ['engine ÷ peer', ...FIGURES.map((f) => f.label), 'CPU', 'own RSS'],
    comparisons.map((c) => [
      `${contenders[c.engine].label} ÷ ${contenders[c.peer].label}`,
      ...FIGURES.map((f) => fixed(c.accuracy[f.label], 3)),
      fixed(c.cpu, 3),
      fixed(c.rss, 2),
    ]),
  );

  const shipped = comparisons.filter((c) => c.engine === 'engine');
  const vsSilero = shipped.find((c) => c.peer === 'silero')!;
  const lossesToWebrtcModes = Object.fromEntries(WEBRTC_MODES.map((mode) => [mode, losses(acc.engine, webrtcModes[mode])]));
  const targets = {
    moreAccurateThanBothPeersEverywhere: shipped.every((c) => c.losses.length === 0),
    moreAccurateThanEveryWebrtcMode: Object.values(lossesToWebrtcModes).every((l) => l.length === 0),
    timesFasterThanSilero: 1 / vsSilero.cpu,
    atLeastTwiceAsFastAsSilero: 1 / vsSilero.cpu >= 2,
  };
  log('\n## Targets (the engine with its YAMNet gate)\n');
  log(`- more accurate than both peers on every set: ${targets.moreAccurateThanBothPeersEverywhere ? 'yes' : 'NO'}`);
  for (const c of shipped) for (const loss of c.losses) log(`  - behind ${contenders[c.peer].label} on ${loss}`);
  log(`- more accurate than WebRTC VAD in every mode, not only ${WEBRTC_MODE}: ${targets.moreAccurateThanEveryWebrtcMode ? 'yes' : 'NO'}`);
  for (const [mode, list] of Object.entries(lossesToWebrtcModes)) for (const loss of list) log(`  - behind mode ${mode} on ${loss}`);
  log(`- ≥ 2× faster than Silero (CPU): ${fixed(targets.timesFasterThanSilero, 1)}× — ${targets.atLeastTwiceAsFastAsSilero ? 'yes' : 'NO'}`);

  log('\n## The extension in Chromium\n');
  if (sizes && live) {
    log(`- package (${sizes.zipFile}): ${fixed(sizes.zipKb, 0)} KB`);
    for (const [file, size] of Object.entries(sizes.contentScriptsKb)) log(`- content script ${file}: ${fixed(size, 1)} KB`);
    log(`- live pipeline over a ${live.minutes}-minute fixture call: ${fixed(live.coachPct, 2)} % of one core (bench-live's table below)\n`);
    log(live.table);
  } else {
    log('(skipped: --skip-browser)');
  }

  const results = {
    finishedAt: new Date().toISOString(),
    minutes: (Date.now() - startedMs) / 60_000,
    git: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim(),
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    contenders: Object.fromEntries(CONTENDERS.map((id) => [id, { label: contenders[id].label, settings: contenders[id].settings }])),
    accuracy: acc,
    webrtcModes,
    speed,
    comparisons,
    targets,
    extension: sizes && live ? { ...sizes, liveCpu: live } : null,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(results, null, 1));
  progress(`results in ${args.out} (${fixed(results.minutes, 1)} min)`);
}

if (args['speed-child']) {
  await runSpeedChild(args['speed-child'] as ContenderId);
} else {
  await main();
}
