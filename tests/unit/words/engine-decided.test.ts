// Engine.takeDecided, which the words read from during a call: taken a little at a time as the
// audio plays, it gives every segment and turn of the final result exactly once, in order.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/engine';
import type { Interval, Turn } from '../../../lib/engine/types';
import { noise, RATE, silence, voice } from '../../support/signals';

describe('Engine.takeDecided', () => {
  it('hands out each finalised segment and turn once, the same as the final result', async () => {
    const self = silence(40);
    const others = silence(40);
    noise(self, 0.001, 1);
    noise(others, 0.001, 2);
    voice(others, 1, 6, 0.2, 210);
    voice(self, 7, 12);
    voice(self, 9.5, 9.8); // inside my turn
    voice(others, 13, 20, 0.2, 210);
    voice(self, 15, 15.5); // a backchannel
    voice(self, 21, 30);
    const engine = createEngine({ sampleRate: RATE });
    const taken = { self: [] as Interval[], others: [] as Interval[], turns: [] as Turn[] };
    const take = () => {
      const { segments, turns } = engine.takeDecided();
      for (const { party, interval } of segments) taken[party].push(interval);
      taken.turns.push(...turns);
    };
    for (let i = 0; i < self.length; i += 1600) {
      engine.push(self.subarray(i, i + 1600), others.subarray(i, i + 1600));
      take();
    }
    const final = await engine.finish();
    take();
    expect(taken.self).toEqual(final.segments.self);
    expect(taken.others).toEqual(final.segments.others);
    expect(taken.turns).toEqual(final.turns);
    expect(taken.turns.map((t) => t.by)).toEqual(['others', 'self', 'others', 'self']);
    expect(engine.takeDecided()).toEqual({ segments: [], turns: [] });
  });
});
