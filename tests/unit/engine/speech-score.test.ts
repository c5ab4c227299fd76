// What one YAMNet result says about speech (lib/engine/yamnet.ts), on scores as the classifier gave
// them for two of the recomposed tuning calls' music scenes (SNG0480 A, MUL1423 B): a real voice
// under a music bed, music alone.
import { describe, expect, it } from 'vitest';
import { ENGINE_PARAMS } from '../../../lib/engine/params';
import { speechScore } from '../../../lib/engine/yamnet';

const SPEECH = 0;
const CONVERSATION = 2;
const MUSIC = 132;

describe('speech score', () => {
  it('is the strongest speech class without music, and stays within 0..1 with it', () => {
    const scores = (speech: number, conversation: number, music: number) => [
      { index: SPEECH, score: speech },
      { index: CONVERSATION, score: conversation },
      { index: MUSIC, score: music },
    ];
    expect(speechScore(scores(0.4, 0.6, 0.1))).toBe(0.6);
    expect(speechScore(scores(0.9, 0.1, 0.9))).toBe(1);
  });

  it.each([
    { what: 'a voice under music, at the lower of those scenes’ medians', speech: 0.02, music: 0.74, heard: true },
    { what: 'music alone, at the highest speech score it had there', speech: 0.004, music: 0.92, heard: false },
    { what: 'faint speech evidence with no music to weigh it up', speech: 0.02, music: 0.05, heard: false },
  ])('$what: speech $heard', ({ speech, music, heard }) => {
    const score = speechScore([
      { index: SPEECH, score: speech },
      { index: MUSIC, score: music },
    ]);
    expect(score >= ENGINE_PARAMS.speechScore).toBe(heard);
  });
});
