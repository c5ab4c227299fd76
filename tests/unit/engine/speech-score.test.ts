// What one YAMNet result says about speech (lib/engine/yamnet.ts), on scores as the classifier gave
// them for the recomposed tuning calls' music scenes: a real voice under a music bed, music alone.
import { describe, expect, it } from 'vitest';
import { ENGINE_PARAMS } from '../../../lib/engine/params';
import { speechScore } from '../../../lib/engine/yamnet';

const SPEECH = 0;
const CONVERSATION = 2;
const MUSIC = 132;
const isSpeech = (categories: { index: number; score: number }[]) =>
  speechScore(categories) >= ENGINE_PARAMS.speechScore;

describe('speech score', () => {
  it('is the strongest speech class without music', () => {
    expect(
      speechScore([
        { index: SPEECH, score: 0.4 },
        { index: CONVERSATION, score: 0.6 },
        { index: MUSIC, score: 0.1 },
      ]),
    ).toBe(0.6);
  });

  it('hears a voice under a music bed, at the median score of those scenes', () => {
    expect(
      isSpeech([
        { index: SPEECH, score: 0.02 },
        { index: MUSIC, score: 0.74 },
      ]),
    ).toBe(true);
  });

  it('does not hear music alone as speech, at the highest score music alone had there', () => {
    expect(
      isSpeech([
        { index: SPEECH, score: 0.004 },
        { index: MUSIC, score: 0.92 },
      ]),
    ).toBe(false);
  });

  it('is not weighed up for faint speech evidence when there is no music', () => {
    expect(
      isSpeech([
        { index: SPEECH, score: 0.02 },
        { index: MUSIC, score: 0.05 },
      ]),
    ).toBe(false);
  });

  it('stays within 0..1', () => {
    expect(
      speechScore([
        { index: SPEECH, score: 0.9 },
        { index: MUSIC, score: 0.9 },
      ]),
    ).toBe(1);
  });
});
