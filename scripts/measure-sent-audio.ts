// `npx tsx scripts/measure-sent-audio.ts`: how well the engine hears me in the audio a meeting page
// sends, against the raw mic — the figures behind taking my channel from the page's sender track
// (docs/capture.md, "My voice").
//
// For each shared synthetic scene, Chromium's fake mic plays my side while the page plays the
// others' side out loud (the echo canceller's reference, as a meeting page does), and two captures
// of the same mic are recorded at 16 kHz, as the coach's graph runs:
//   sent  getUserMedia({audio: true}): echo cancellation, noise suppression and gain control on,
//         what a meeting page asks for and sends (its sender track);
//   ec    echo cancellation only (the coach's own capture until it was measured on Janus: see
//         extension/capture/mic.ts; it now takes the mic unprocessed, as the raw file is).
// Each recording is lined up with the scene file from the audio itself (envelope correlation), then
// `npm run --silent analyze` runs on it with the scene's others channel, and
// ../shared/tools/score-scenes.mjs scores the three sets (raw file, ec, sent) against the truth.
// Real time: ≈ 3 minutes per scene. Options: --scenes d01_pair_clean,d05_echo (default all),
// --parallel N (browsers at once, default 2), --out DIR (default: a temporary folder).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeWav, encodeWavPcm16, mixDown } from '../lib/audio/wav';
import { launchCoachBrowser } from '../harness/browser';
import { ROOT } from '../harness/build';
import { startFixtureServer, type FixtureServer } from '../harness/https-server';
import { SCENE_RATE, SYNTHETIC_DIR, sharedScenesMissing, tempDir } from '../harness/scenes';

const SCORER = join(ROOT, '../shared/tools/score-scenes.mjs');
const VARIANTS = ['raw', 'ec', 'sent'] as const;
type Variant = (typeof VARIANTS)[number];

const { values: args } = parseArgs({
  options: { scenes: { type: 'string' }, parallel: { type: 'string', default: '2' }, out: { type: 'string' } },
});
const missing = sharedScenesMissing();
if (missing) {
  console.error(`measure-sent-audio: ${missing}`);
  process.exit(1);
}
const index = JSON.parse(readFileSync(join(SYNTHETIC_DIR, 'index.json'), 'utf8')) as { id: string; duration: number }[];
const wanted = args.scenes ? new Set(args.scenes.split(',')) : null;
const scenes = index.filter((s) => !wanted || wanted.has(s.id));
const out = args.out ?? tempDir('sent-audio');
const dirs = Object.fromEntries(VARIANTS.map((v) => [v, join(out, v)])) as Record<Variant, string>;
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });

/** Records both captures of the fake mic for `seconds`, the others' side playing out loud. */
async function record(
  server: FixtureServer,
  id: string,
  seconds: number,
): Promise<Record<'sent' | 'ec', Float32Array>> {
  const browser = await launchCoachBrowser({
    serverPort: server.port,
    micWav: join(SYNTHETIC_DIR, `${id}.self.wav`),
    withExtension: false,
    extraArgs: ['--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const page = await browser.context.newPage();
    // tsx keeps function names with a helper the page does not have.
    await page.addInitScript('globalThis.__name = (f) => f');
    await page.goto(`https://whereby.com/measure-${id}`);
    const othersUrl = server.addAudio(`${id}.others.wav`, join(SYNTHETIC_DIR, `${id}.others.wav`));
    const recorded = await page.evaluate(
      async ({ othersUrl, seconds, rate }) => {
        const worklet = `registerProcessor('rec', class extends AudioWorkletProcessor {
          process(inputs) { this.port.postMessage(inputs.map((i) => i[0] ? i[0].slice() : null)); return true; }
        });`;
        const context = new AudioContext({ sampleRate: rate });
        await context.audioWorklet.addModule(URL.createObjectURL(new Blob([worklet], { type: 'text/javascript' })));
        const node = new AudioWorkletNode(context, 'rec', {
          numberOfInputs: 2,
          numberOfOutputs: 0,
          channelCount: 1,
          channelCountMode: 'explicit',
        });
        const sent = await navigator.mediaDevices.getUserMedia({ audio: true });
        const ec = await navigator.mediaDevices.getUserMedia({
          audio: { echoCancellation: true, autoGainControl: false, noiseSuppression: false },
        });
        const trackSettings = (stream: MediaStream) => {
          const [track] = stream.getAudioTracks();
          if (!track) throw new Error('getUserMedia gave a stream without an audio track');
          return track.getSettings();
        };
        const settings = { sent: trackSettings(sent), ec: trackSettings(ec) };
        const chunks: [Float32Array[], Float32Array[]] = [[], []];
        node.port.onmessage = (e: MessageEvent<(Float32Array | null)[]>) =>
          e.data.forEach((c, i) => c && chunks[i]?.push(c));
        new MediaStreamAudioSourceNode(context, { mediaStream: sent }).connect(node, 0, 0);
        new MediaStreamAudioSourceNode(context, { mediaStream: ec }).connect(node, 0, 1);
        const others = new Audio(othersUrl);
        await others.play();
        await context.resume();
        await new Promise((r) => setTimeout(r, seconds * 1000));
        others.pause();
        await context.close();
        for (const s of [sent, ec]) s.getTracks().forEach((t) => t.stop());
        const join = (list: Float32Array[]) => {
          const all = new Float32Array(list.reduce((n, c) => n + c.length, 0));
          let at = 0;
          for (const c of list) {
            all.set(c, at);
            at += c.length;
          }
          // Base64 of the float bytes: page.evaluate returns JSON.
          let text = '';
          const bytes = new Uint8Array(all.buffer);
          for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return btoa(text);
        };
        return { sent: join(chunks[0]), ec: join(chunks[1]), settings };
      },
      { othersUrl, seconds, rate: SCENE_RATE },
    );
    console.error(`[${id}] sent track settings ${JSON.stringify(recorded.settings.sent)}`);
    const decode = (b64: string) => new Float32Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer);
    return { sent: decode(recorded.sent), ec: decode(recorded.ec) };
  } finally {
    await browser.close();
  }
}

/** 10 ms RMS envelope. */
function envelope(x: Float32Array): Float32Array {
  const n = Math.floor(x.length / 160);
  const env = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = i * 160; k < (i + 1) * 160; k++) sum += x[k]! * x[k]!;
    env[i] = Math.sqrt(sum / 160);
  }
  return env;
}

/** Where in the file the recording's first sample fell, in samples (−3 s…+3 s), from the envelopes. */
function fileOffset(recording: Float32Array, file: Float32Array): number {
  const a = envelope(recording);
  const b = envelope(file);
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = -300; lag <= 300; lag++) {
    let score = 0;
    for (let i = 0; i < Math.min(a.length, 6000); i++) {
      const j = i + lag;
      if (j >= 0 && j < b.length) score += a[i]! * b[j]!;
    }
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best * 160;
}

/** The recording on the file's timeline: silence where it started late, cut where the file ends. */
function align(recording: Float32Array, file: Float32Array): Float32Array {
  const offset = fileOffset(recording, file);
  const aligned = new Float32Array(file.length);
  for (let t = 0; t < file.length; t++) aligned[t] = recording[t - offset] ?? 0;
  return aligned;
}

function analyze(self: string, others: string, outFile: string): void {
  const json = execFileSync('npm', ['run', '--silent', 'analyze', '--', '--self', self, '--others', others], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(outFile, json);
}

async function measureScene(server: FixtureServer, id: string, duration: number): Promise<void> {
  const selfFile = join(SYNTHETIC_DIR, `${id}.self.wav`);
  const othersFile = join(SYNTHETIC_DIR, `${id}.others.wav`);
  const file = mixDown(decodeWav(readFileSync(selfFile)).channels);
  const recorded = await record(server, id, Math.ceil(duration) + 3);
  analyze(selfFile, othersFile, join(dirs.raw, `${id}.json`));
  for (const variant of ['ec', 'sent'] as const) {
    const wav = join(out, `${id}.${variant}.wav`);
    writeFileSync(wav, encodeWavPcm16([align(recorded[variant], file)], SCENE_RATE));
    analyze(wav, othersFile, join(dirs[variant], `${id}.json`));
  }
  console.error(`[${id}] done`);
}

const server = await startFixtureServer();
try {
  const queue = [...scenes];
  await Promise.all(
    Array.from({ length: Number(args.parallel) }, async () => {
      for (let scene = queue.shift(); scene; scene = queue.shift())
        await measureScene(server, scene.id, scene.duration);
    }),
  );
} finally {
  await server.close();
}
// The scorer reads every truth file of a folder: give it only the measured scenes.
const truthDir = join(out, 'truth');
mkdirSync(truthDir, { recursive: true });
for (const { id } of scenes) copyFileSync(join(SYNTHETIC_DIR, `${id}.truth.json`), join(truthDir, `${id}.truth.json`));
for (const variant of VARIANTS) {
  console.log(`\n== ${variant}`);
  console.log(execFileSync('node', [SCORER, truthDir, dirs[variant]], { encoding: 'utf8' }));
}
console.log(`recordings and predictions in ${out}`);
