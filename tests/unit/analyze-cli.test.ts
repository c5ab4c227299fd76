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
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/analyze.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, YAMNET_MODEL: modelOrNull() ?? '' },
    timeout: 60_000,
  });
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('analyze:'));

let me: string, them: string, stereo: string;
beforeAll(() => {
  const a = silence(6), b = silence(6);
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
    expect(Object.keys(out.metrics)).toEqual(expect.arrayContaining(['talkShare', 'interruptionsBySelf', 'backchannelsBySelf', 'medianResponseGapSec', 'turnSwitchesPerMin']));
  });

  const speech = path.join(SHARED_DIR, 'models/yamnet_test_speech.wav');
  it.skipIf(!modelOrNull() || sharedMissing('models/yamnet_test_speech.wav'))('runs YAMNet on real speech and exits promptly once done', () => {
    const r = analyze('--self', speech);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.speechModel).toBe('yamnet');
    expect(out.metrics.selfSpeechSec).toBeGreaterThan(2);
    expect(r.seconds).toBeLessThan(20); // MediaPipe is closed, Node does not linger
  });

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
    ['mismatched lengths', () => ['--self', me, '--others', file('short.wav', encodeWavPcm16([silence(2)], RATE))], /mismatched lengths/],
    ['a mono file as --stereo', () => ['--stereo', me], /needs a 2-channel WAV/],
    ['no input at all', () => [], /give either --stereo/],
  ])('rejects %s with one line and a non-zero exit', (_, args, message) => {
    const r = analyze(...args());
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(errorLines(r.stderr)[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

/** A-law (format 6) WAV: a real but unsupported encoding. */
function aLawWav(): Uint8Array {
  const bytes = encodeWavPcm16([new Float32Array(800)], 8000);
  new DataView(bytes.buffer).setUint16(20, 6, true);
  new DataView(bytes.buffer).setUint16(34, 8, true);
  return bytes;
}
