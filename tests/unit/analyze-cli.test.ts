// The `analyze` command's contract (shared/docs/analysis-output.md): JSON alone on stdout; bad
// input gives one line on stderr and a non-zero exit, never a stack trace or a partial result.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resample } from '../../lib/audio/resample';
import { encodeWavPcm16 } from '../../lib/audio/wav';
import { PROJECT_ROOT } from '../../cli/recording';
import { noise, RATE, silence, voice } from '../support/signals';
import { SHARED_DIR } from '../../cli/evaluate';
import { modelOrNull, sharedMissing } from '../support/shared-data';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-analyze-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

function analyze(...args: string[]) {
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/analyze.ts', ...args],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, YAMNET_MODEL: modelOrNull() ?? '' },
      timeout: 60_000,
    },
  );
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('analyze:'));

let me: string, them: string, stereo: string;
beforeAll(() => {
  const a = silence(6),
    b = silence(6);
  noise(a, 0.001, 1);
  noise(b, 0.001, 2);
  voice(a, 0.5, 2.5);
  voice(b, 3, 5.5, 0.2, 210);
  voice(a, 4, 4.4); // a backchannel
  me = file('me.wav', encodeWavPcm16([a], RATE));
  them = file('them.wav', encodeWavPcm16([b], RATE));
  stereo = file('call.wav', encodeWavPcm16([a, b], RATE));
});

describe('analyze command', () => {
  it('prints only the version-1 JSON on stdout', () => {
    // The test tones are not speech to YAMNet: the 10 ms detector alone decides here.
    const r = analyze('--self', me, '--others', them, '--no-model');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.speechModel).toBe('none');
    expect(out.segments.self.length).toBeGreaterThan(0);
    expect(out.metrics.talkShare).toBeGreaterThan(0.2);
    expect(out.events).toContainEqual({ type: 'backchannel', by: 'self', at: expect.closeTo(4, 1) });
    expect(Object.keys(out.metrics)).toEqual(
      expect.arrayContaining([
        'talkShare',
        'interruptionsBySelf',
        'backchannelsBySelf',
        'medianResponseGapSec',
        'turnSwitchesPerMin',
      ]),
    );
  });

  const speech = path.join(SHARED_DIR, 'models/yamnet_test_speech.wav');
  it.skipIf(!modelOrNull() || sharedMissing('models/yamnet_test_speech.wav'))(
    'runs YAMNet on real speech and exits promptly once done',
    () => {
      const r = analyze('--self', speech);
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.speechModel).toBe('yamnet');
      expect(out.metrics.selfSpeechSec).toBeGreaterThan(2);
      expect(r.seconds).toBeLessThan(20); // MediaPipe is closed, Node does not linger
    },
  );

  it('reads a stereo call (left me, right others) and writes --out whole', () => {
    const out = path.join(dir, 'result.json');
    const r = analyze('--stereo', stereo, '--out', out, '--no-model');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const fromStereo = JSON.parse(fs.readFileSync(out, 'utf8'));
    const fromPair = JSON.parse(analyze('--self', me, '--others', them, '--no-model').stdout);
    expect(fromStereo.segments).toEqual(fromPair.segments);
  });

  it('puts two sides recorded at different rates on one clock', () => {
    const a = silence(6);
    noise(a, 0.001, 1);
    voice(a, 0.5, 2.5);
    const at48k = file('me-48k.wav', encodeWavPcm16([resample(a, RATE, 48000)], 48000));
    const mixed = JSON.parse(analyze('--self', at48k, '--others', them, '--no-model').stdout);
    const same = JSON.parse(analyze('--self', me, '--others', them, '--no-model').stdout);
    expect(mixed.segments.others).toEqual(same.segments.others);
    expect(mixed.segments.self[0][0]).toBeCloseTo(same.segments.self[0][0], 1);
  });

  it.each([
    ['a missing file', () => ['--self', path.join(dir, 'nope.wav')], /no such file/],
    ['not a WAV', () => ['--others', file('notes.wav', 'meeting notes, not audio')], /not a WAV file/],
    ['empty audio', () => ['--self', file('empty.wav', encodeWavPcm16([new Float32Array(0)], RATE))], /empty audio/],
    ['an unsupported encoding', () => ['--self', file('alaw.wav', aLawWav())], /unsupported WAV encoding/],
    [
      'mismatched lengths',
      () => ['--self', me, '--others', file('short.wav', encodeWavPcm16([silence(2)], RATE))],
      /mismatched lengths/,
    ],
    ['a mono file as --stereo', () => ['--stereo', me], /needs a 2-channel WAV/],
    ['no input at all', () => [], /give either --stereo/],
    // Damaged files: cut short, or garbage where the chunks should be.
    [
      'a header with no samples (cut after 44 bytes)',
      () => ['--self', file('header-only.wav', encodeWavPcm16([silence(2)], RATE).slice(0, 44))],
      /empty audio/,
    ],
    [
      'a file cut inside its format chunk',
      () => ['--self', file('cut-fmt.wav', encodeWavPcm16([silence(2)], RATE).slice(0, 30))],
      /fmt chunk too short/,
    ],
    ['garbage after the RIFF header', () => ['--self', file('garbage.wav', garbageAfterRiff())], /no fmt chunk/],
    ['a float WAV with a NaN sample', () => ['--self', file('nan.wav', floatWav(silence(2), 100))], /not a number/],
    [
      'a sample rate of 0',
      () => ['--self', file('rate0.wav', withRate(encodeWavPcm16([silence(1)], RATE), 0))],
      /unsupported sample rate 0/,
    ],
    ['a directory', () => ['--self', dir], /./],
  ])('rejects %s with one line and a non-zero exit', (_, args, message) => {
    const r = analyze(...args());
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(errorLines(r.stderr)[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('analyze command on files cut short or with junk', () => {
  it('reads what a recording cut mid-data holds (a recorder that crashed), and ignores junk after the data', () => {
    const full = encodeWavPcm16(
      [
        (() => {
          const a = silence(6);
          voice(a, 0.5, 2.5);
          return a;
        })(),
      ],
      RATE,
    );
    const cut = analyze('--self', file('cut.wav', full.slice(0, 44 + 2 * RATE * 3)), '--no-model'); // 3 of 6 s
    expect(cut.status, cut.stderr).toBe(0);
    expect(JSON.parse(cut.stdout).durationSec).toBeCloseTo(3, 1);
    const junk = new Uint8Array(full.length + 999);
    junk.set(full);
    junk.set(garbage(999), full.length);
    const trailing = analyze('--self', file('trailing.wav', junk), '--no-model');
    expect(trailing.status, trailing.stderr).toBe(0);
    expect(JSON.parse(trailing.stdout).durationSec).toBeCloseTo(6, 1);
  });
});

/** Reproducible bytes with no structure. */
function garbage(length: number): Uint8Array {
  let x = 12345;
  return Uint8Array.from({ length }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 255);
}

function garbageAfterRiff(): Uint8Array {
  const bytes = new Uint8Array(12 + 4000);
  bytes.set(encodeWavPcm16([silence(1)], RATE).slice(0, 12));
  bytes.set(garbage(4000), 12);
  return bytes;
}

/** 32-bit float WAV of `samples`, the one at `nanAt` replaced by NaN. */
function floatWav(samples: Float32Array, nanAt: number): Uint8Array {
  const data = Float32Array.from(samples);
  data[nanAt] = Number.NaN;
  const bytes = new Uint8Array(44 + data.byteLength);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, text: string) => [...text].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  tag(0, 'RIFF');
  view.setUint32(4, 36 + data.byteLength, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 3, true); // IEEE float
  view.setUint16(22, 1, true);
  view.setUint32(24, RATE, true);
  view.setUint32(28, RATE * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 32, true);
  tag(36, 'data');
  view.setUint32(40, data.byteLength, true);
  bytes.set(new Uint8Array(data.buffer), 44);
  return bytes;
}

function withRate(bytes: Uint8Array, rate: number): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(24, rate, true);
  return bytes;
}

/** A-law (format 6) WAV: a real but unsupported encoding. */
function aLawWav(): Uint8Array {
  const bytes = encodeWavPcm16([new Float32Array(800)], 8000);
  new DataView(bytes.buffer).setUint16(20, 6, true);
  new DataView(bytes.buffer).setUint16(34, 8, true);
  return bytes;
}
