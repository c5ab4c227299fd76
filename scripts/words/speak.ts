// Lines spoken by espeak-ng at 16 kHz, and conversations laid out as two-channel scenes: each line
// on its speaker's channel, one after another with a short pause, as a clean turn-taking call.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeWav, mixDown } from '../../lib/audio/wav';
import type { Conversation, Line } from './conversations';

export const SPEECH_RATE = 16000;
/** Pause between two lines: a turn switch, longer than the engine's 0.3 s bridging. */
const GAP_SEC = 0.8;
const LEAD_SEC = 0.5;

/** espeak-ng's rendering of `text` with `voice`, 16 kHz mono, its padding trimmed. */
export function speak(text: string, voice: string, dir: string): Float32Array {
  const raw = path.join(dir, 'line.wav');
  const out = path.join(dir, 'line-16k.wav');
  execFileSync('espeak-ng', ['-v', voice, '-s', '160', '-w', raw, text], { stdio: 'ignore' });
  // -D: no dither, so the same line is the same audio in every run (sox dithers at random).
  execFileSync('sox', ['-D', raw, '-r', String(SPEECH_RATE), '-c', '1', '-b', '16', out], { stdio: 'ignore' });
  const samples = mixDown(decodeWav(fs.readFileSync(out)).channels);
  let first = 0;
  let last = samples.length - 1;
  while (first < last && Math.abs(samples[first]!) < 0.005) first++;
  while (last > first && Math.abs(samples[last]!) < 0.005) last--;
  return samples.slice(first, last + 1);
}

export interface PlacedLine {
  line: Line;
  start: number;
  end: number;
  audio: Float32Array;
}

export interface SpokenScene {
  conversation: Conversation;
  self: Float32Array;
  others: Float32Array;
  lines: PlacedLine[];
}

export function speakConversation(conversation: Conversation, dir: string): SpokenScene {
  const placed: PlacedLine[] = [];
  let t = LEAD_SEC;
  for (const line of conversation.lines) {
    const audio = speak(line.text, conversation.voices[line.by], dir);
    const start = t;
    const end = start + audio.length / SPEECH_RATE;
    placed.push({ line, start, end, audio });
    t = end + GAP_SEC;
  }
  const length = Math.ceil((t + LEAD_SEC) * SPEECH_RATE);
  const tracks = { self: new Float32Array(length), others: new Float32Array(length) };
  for (const p of placed) tracks[p.line.by].set(p.audio, Math.round(p.start * SPEECH_RATE));
  return { conversation, ...tracks, lines: placed };
}

/** Tools the scenes need: null when present, else what is missing. */
export function speechToolsMissing(): string | null {
  for (const tool of ['espeak-ng', 'sox']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return `${tool} not installed`;
    }
  }
  return null;
}
