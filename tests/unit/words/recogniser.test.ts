// The recogniser (Moonshine Tiny through onnxruntime-web, as the extension runs it) on speech made
// by espeak-ng at test time, and `analyze --words`. The weights come with `npm install`
// (node_modules); without them, or without espeak-ng and sox, these skip and say why (in CI they
// must be there).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moonshineMissing } from '../../../cli/moonshine-files';
import { loadMoonshineNode } from '../../../cli/moonshine-node';
import { PROJECT_ROOT } from '../../../cli/recording';
import { encodeWavPcm16 } from '../../../lib/audio/wav';
import { MAX_PIECE_SEC, recogniserPieces } from '../../../lib/words/asr/pieces';
import type { Recogniser } from '../../../lib/words/asr/moonshine';
import { TokenDecoder } from '../../../lib/words/asr/tokenizer';
import { wer, wordErrors } from '../../../lib/words/wer';
import { speak, speechToolsMissing } from '../../../scripts/words/speak';

const missing = moonshineMissing() ?? speechToolsMissing();
if (missing && process.env.CI === 'true') throw new Error(`${missing}: required in CI`);

describe('token decoder', () => {
  const pieces = [
    '<unk>',
    '<s>',
    '</s>',
    ...Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`),
    '▁Hello',
    ',',
    '▁w',
    'orld',
    '?',
  ];
  const decoder = new TokenDecoder(pieces);
  const id = (p: string) => pieces.indexOf(p);
  it('joins pieces, turns ▁ into spaces and drops specials', () => {
    expect(decoder.decode([1, id('▁Hello'), id(','), id('▁w'), id('orld'), id('?'), 2])).toBe('Hello, world?');
  });
  it('decodes byte pieces as UTF-8', () => {
    // "é" is 0xC3 0xA9.
    expect(decoder.decode([id('▁w'), 3 + 0xc3, 3 + 0xa9])).toBe('wé');
  });
  it('refuses a vocabulary without byte pieces', () => {
    expect(() => new TokenDecoder(['a', 'b'])).toThrow(/SentencePiece/);
  });
});

describe('recogniser pieces', () => {
  it('cuts long speech at its quietest moment, each piece within the limit', () => {
    const rate = 16000;
    const audio = new Float32Array(30 * rate);
    for (let i = 0; i < audio.length; i++) audio[i] = Math.sin(i / 5) * 0.3;
    audio.fill(0, 10 * rate, 10 * rate + 800); // a pause at 10 s
    const pieces = recogniserPieces(audio, rate);
    expect(pieces.length).toBe(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(MAX_PIECE_SEC * rate);
    expect(Math.abs(pieces[0]!.length / rate - 10.025)).toBeLessThan(0.03);
    expect(pieces.reduce((n, p) => n + p.length, 0)).toBe(audio.length);
  });
});

describe.skipIf(missing)('Moonshine Tiny on espeak-ng speech', () => {
  let recogniser: Recogniser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-asr-'));
  beforeAll(async () => {
    recogniser = await loadMoonshineNode();
  });
  afterAll(async () => {
    await recogniser?.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes what was said, with the question mark', async () => {
    const line = 'What do you mean by the second phase?';
    const text = await recogniser.transcribe(speak(line, 'en-us', dir));
    expect(wer(wordErrors(line, text)), text).toBeLessThanOrEqual(0.15);
    expect(text.trim().endsWith('?'), text).toBe(true);
  });

  it('gives nothing for less than a tenth of a second, and silence is not words', async () => {
    expect(await recogniser.transcribe(new Float32Array(800))).toBe('');
    expect(
      (await recogniser.transcribe(new Float32Array(16000))).split(/\s+/).filter(Boolean).length,
    ).toBeLessThanOrEqual(2);
  });

  it('analyze --words adds a words block per side; without the flag the output is unchanged', () => {
    const rate = 16000;
    const me = speak('Thank you for the clear notes on the budget. How are you doing?', 'en-us+f3', dir);
    const them = speak('We have to move the launch to March because the vendor is late.', 'en-gb', dir);
    const length = them.length + me.length + 3 * rate;
    const self = new Float32Array(length);
    const others = new Float32Array(length);
    others.set(them, rate / 2);
    self.set(me, them.length + 1.5 * rate);
    const files = { self: path.join(dir, 'me.wav'), others: path.join(dir, 'them.wav') };
    fs.writeFileSync(files.self, encodeWavPcm16([self], rate));
    fs.writeFileSync(files.others, encodeWavPcm16([others], rate));
    const run = (...extra: string[]) =>
      spawnSync(
        process.execPath,
        [
          path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'),
          'cli/analyze.ts',
          '--self',
          files.self,
          '--others',
          files.others,
          '--no-model',
          ...extra,
        ],
        {
          cwd: PROJECT_ROOT,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    const plain = run();
    expect(plain.status, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('words');
    const withWords = run('--words');
    expect(withWords.status, withWords.stderr).toBe(0);
    const out = JSON.parse(withWords.stdout);
    expect({ ...out, words: undefined }).toEqual({ ...JSON.parse(plain.stdout), words: undefined });
    expect(out.words.self).toMatchObject({
      turns: 1,
      questions: 1,
      personalQuestions: 1,
      thanks: 1,
      specificThanks: 1,
    });
    expect(out.words.self.words).toBeGreaterThanOrEqual(10);
    expect(out.words.others).toMatchObject({ turns: 1, questions: 0, thanks: 0 });
    expect(out.words.self.speechSec).toBeGreaterThan(2);
  });
});
