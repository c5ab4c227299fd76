// The rules of shared/docs/metrics.md on hand-made speech segments (10 ms frames).
import { describe, expect, it } from 'vitest';
import { ConversationTracker, liveFloor, type Segment } from '../../../lib/engine/conversation';
import { ENGINE_PARAMS } from '../../../lib/engine/params';
import type { Party } from '../../../lib/engine/types';

const sec = (s: number) => Math.round(s * 100);
const seg = (party: Party, start: number, end: number): Segment => ({ party, start: sec(start), end: sec(end) });

function run(segments: Segment[], chunked = false) {
  const t = new ConversationTracker({ ...ENGINE_PARAMS });
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  if (chunked) {
    // As the engine feeds it: each party's segments in order, horizons creeping forward.
    for (const s of sorted) {
      t.push(s);
      t.settle(s.party, s.start);
      t.settle(s.party === 'self' ? 'others' : 'self', s.start);
    }
  } else {
    for (const s of sorted) t.push(s);
  }
  t.finish();
  return t.totals;
}

describe('conversation rules', () => {
  it('joins a party’s segments across pauses under 1.5 s into one turn', () => {
    const { turns, turnSwitches } = run([seg('others', 0, 3), seg('others', 4, 6), seg('others', 8, 9)]);
    expect(turns).toEqual([
      { by: 'others', start: 0, end: 6 },
      { by: 'others', start: 8, end: 9 },
    ]);
    expect(turnSwitches).toBe(0);
  });

  it('reports a short overlap as a backchannel that does not end the turn', () => {
    const { events, turns } = run([seg('others', 0, 6), seg('self', 2, 2.4), seg('others', 6.5, 9)]);
    expect(events).toEqual([{ type: 'backchannel', by: 'self', at: 2 }]);
    expect(turns).toEqual([{ by: 'others', start: 0, end: 9 }]);
  });

  it('reports a backchannel in a pause of the holder who then carries on', () => {
    const { events } = run([seg('others', 0, 3), seg('self', 3.3, 3.7), seg('others', 4, 7)]);
    expect(events).toEqual([{ type: 'backchannel', by: 'self', at: 3.3 }]);
  });

  it('reports an interruption when the holder stops 0.5–2 s after the onset', () => {
    const { events, turns, responseGaps } = run([seg('others', 0, 5), seg('self', 4, 8)]);
    expect(events).toEqual([{ type: 'interruption', by: 'self', at: 4 }]);
    expect(turns.map((t) => t.by)).toEqual(['others', 'self']);
    expect(responseGaps).toEqual([]); // an interruption is not a response
  });

  it('reports a talk-over when the holder talks on past the listener', () => {
    const { events, turns } = run([seg('self', 0, 8), seg('others', 3, 4.5)]);
    expect(events).toEqual([{ type: 'talkover', by: 'others', at: 3 }]);
    expect(turns).toEqual([{ by: 'self', start: 0, end: 8 }]);
  });

  it('treats an overlap in the holder’s last 0.5 s as an early response, not an interruption', () => {
    const { events, responseGaps, earlyResponsesBySelf } = run([seg('others', 0, 5), seg('self', 4.7, 8)]);
    expect(events).toEqual([]);
    expect(responseGaps).toEqual([-0.3]);
    expect(earlyResponsesBySelf).toBe(1);
  });

  it('counts one talk-over when the holder breathes and talks on over the listener', () => {
    // The holder pauses 0.5 s a second after I start, then goes on for seconds past my attempt.
    const { events, turns } = run([seg('others', 0, 4.2), seg('self', 3.2, 5.6), seg('others', 4.7, 9)]);
    expect(events).toEqual([{ type: 'talkover', by: 'self', at: 3.2 }]);
    expect(turns).toEqual([{ by: 'others', start: 0, end: 9 }]);
  });

  it('counts an interruption when the holder stops for good within 2 s, even after a breath over me', () => {
    const { events, turns } = run([seg('others', 0, 4.2), seg('self', 3.2, 8), seg('others', 4.6, 5.1)]);
    expect(events).toEqual([{ type: 'interruption', by: 'self', at: 3.2 }]);
    expect(turns.map((t) => [t.by, t.end])).toEqual([
      ['others', 5.1],
      ['self', 8],
    ]);
  });

  it('takes a false start ("but—", a pause, then talk) as one attempt from its first word', () => {
    const { events } = run([seg('others', 0, 6), seg('self', 4.5, 4.8), seg('self', 5.4, 8)]);
    expect(events).toEqual([{ type: 'interruption', by: 'self', at: 4.5 }]);
  });

  it('keeps two short acknowledgements apart: two backchannels, not an attempt', () => {
    const { events } = run([seg('others', 0, 8), seg('self', 2, 2.4), seg('self', 3, 3.4)]);
    expect(events).toEqual([
      { type: 'backchannel', by: 'self', at: 2 },
      { type: 'backchannel', by: 'self', at: 3 },
    ]);
  });

  it('hears a backchannel in a long pause when the holder resumes soon after it', () => {
    // The holder's pause (1.7 s) is longer than a turn pause, but they go on 0.4 s after my "okay".
    const { events, turns } = run([seg('others', 0, 3), seg('self', 3.5, 4.3), seg('others', 4.7, 7)]);
    expect(events).toEqual([{ type: 'backchannel', by: 'self', at: 3.5 }]);
    expect(turns).toEqual([{ by: 'others', start: 0, end: 7 }]);
  });

  it('measures my response gaps and counts floor changes', () => {
    const { responseGaps, turnSwitches, turns } = run([
      seg('others', 0, 3),
      seg('self', 3.6, 6),
      seg('others', 6.1, 9),
      seg('self', 10.2, 12),
    ]);
    expect(responseGaps.map((g) => Math.round(g * 100) / 100)).toEqual([0.6, 1.2]);
    expect(turnSwitches).toBe(3);
    expect(turns).toHaveLength(4);
  });

  it('decides the same however the segments trickle in', () => {
    const scene = [
      seg('others', 0, 6),
      seg('self', 2, 2.4),
      seg('others', 6.5, 9),
      seg('self', 8, 12),
      seg('others', 10, 11.2),
      seg('self', 12.4, 15),
      seg('others', 15.1, 20),
      seg('self', 19.7, 23),
    ];
    expect(run(scene, true)).toEqual(run(scene));
  });
});

describe('liveFloor', () => {
  const frames = { backchannelMax: 100, takeAfterSilence: 20 };
  it('hands the floor to someone talking into the holder’s silence at once', () => {
    const decided = { floor: 'others' as const, turnStart: 0, turnLastEnd: 500 };
    expect(liveFloor(decided, [{ party: 'self', start: 530, end: 540 }], 540, frames)).toEqual({
      floor: 'self',
      turnStart: 530,
    });
  });
  it('keeps it through a short overlap while the holder talks', () => {
    const decided = { floor: 'others' as const, turnStart: 0, turnLastEnd: 500 };
    const tail = [
      { party: 'others' as const, start: 500, end: 900 },
      { party: 'self' as const, start: 600, end: 640 },
    ];
    expect(liveFloor(decided, tail, 900, frames).floor).toBe('others');
  });
});
