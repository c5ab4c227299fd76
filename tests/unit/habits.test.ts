import { describe, expect, it } from 'vitest';
import { say } from '../../components/say';
import { assessCall, type CoachedCall, type FigureId } from '../../lib/coaching/habits';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { goodMetrics } from '../fixtures/records';
import type { CallMetrics } from '../../lib/engine/types';
import { defined } from '../support/defined';

function call(metrics: Partial<CallMetrics> = {}, rest: Partial<CoachedCall> = {}): CoachedCall {
  return { durationSec: 2700, participants: 4, meetingKind: 'team', metrics: goodMetrics(metrics), ...rest };
}

const assess = (c: CoachedCall) => assessCall(c, DEFAULT_SETTINGS);
const habit = (c: CoachedCall, id: string) => assess(c).habits.find((h) => h.id === id)!;

describe('assessCall', () => {
  it('rates a balanced, attentive call strong on every measured habit', () => {
    const result = assess(call());
    for (const h of result.habits.filter((x) => x.id !== 'appreciation')) expect(h.level, h.id).toBe('strong');
    expect(habit(call(), 'appreciation').level).toBe('unmeasured');
    expect(result.wentWell.length).toBeGreaterThan(0);
    expect(result.wentWell.length).toBeLessThanOrEqual(3);
    expect(result.wentWell.map(say).join(' ')).toMatch(/2\u00a0min\u00a030\u00a0s and got to finish/);
  });

  it('explains every figure the summary shows, each under its habit', () => {
    const ids = assess(call()).habits.flatMap((h) => h.figures.map((f) => f.id));
    const expected: FigureId[] = [
      'talk-share',
      'backchannels',
      'others-longest-turn',
      'interruptions-by-self',
      'interruptions-of-self',
      'talkovers-by-self',
      'longest-monologue',
      'response-gap',
      'turn-switches',
    ];
    for (const id of expected) expect(ids).toContain(id);
    for (const h of assess(call()).habits)
      for (const f of h.figures) expect(say(f.explain).length, f.id).toBeGreaterThan(20);
  });

  it('counts inclusion under sharing the floor where the call told people apart', () => {
    const person = (label: string, shareOfOthers: number) => ({
      label,
      speechSec: 600 * shareOfOthers,
      shareOfOthers,
      shareOfAll: shareOfOthers * 0.7,
      longestTurnSec: 60,
      interruptionsBySelf: 0,
      interruptionsOfSelf: 0,
    });
    const even = habit(
      call({}, { people: { split: true, people: [person('Person 1', 0.5), person('Person 2', 0.5)], notHeard: 0 } }),
      'share-floor',
    );
    const figure = (id: string) =>
      defined(
        even.figures.find((f) => f.id === id),
        id,
      );
    expect(say(figure('people-heard').value)).toBe('2 of 2');
    expect(figure('people-heard').score).toBe(1);
    expect(say(figure('people-balance').value)).toBe('100% of an even split');
    // One person did all the others' talking and one said nothing: the habit reads lower, and
    // the tip, when it is the weakest, asks to invite them in.
    const lopsided = call(
      {},
      { people: { split: true, people: [person('Person 1', 0.97), person('Person 2', 0.03)], notHeard: 2 } },
    );
    const low = habit(lopsided, 'share-floor');
    expect(low.score!).toBeLessThan(even.score!);
    expect(say(low.figures.find((f) => f.id === 'people-heard')!.value)).toBe('2 of 4');
    // No split, no inclusion figures, and the habit as before.
    expect(
      habit(call({}, { people: { split: false, reason: 'one-stream' } }), 'share-floor').figures.map((f) => f.id),
    ).toEqual(habit(call(), 'share-floor').figures.map((f) => f.id));
  });

  it('picks listening when I talked far above my target, with the target in the tip', () => {
    const c = call({ talkShare: 0.55, selfSpeechSec: 1320, othersSpeechSec: 1080 });
    const result = assess(c);
    expect(result.weakest).toBe('listen');
    expect(say(result.tip)).toContain('25%');
    expect(say(habit(c, 'listen').summary)).toMatch(/above your 25% target/);
  });

  it('picks letting people finish when I interrupted often', () => {
    const c = call({ interruptionsBySelf: 6 });
    const result = assess(c);
    expect(result.weakest).toBe('let-finish');
    expect(say(result.tip)).toMatch(/jot the thought down/);
    expect(say(habit(c, 'let-finish').figures[0]!.value)).toBe('6 (8 per hour)');
  });

  it('rates interruptions per hour with a floor on call time, so a short call is not over-judged', () => {
    const short = habit(call({ interruptionsBySelf: 1 }, { durationSec: 300 }), 'let-finish');
    expect(say(short.figures[0]!.value)).toBe('1 (4 per hour)');
  });

  it('picks concision after a long monologue and names its length', () => {
    const result = assess(call({ longestMonologueSec: 200 }));
    expect(result.weakest).toBe('concise');
    expect(say(result.tip)).toMatch(/3\u00a0min\u00a020\u00a0s/);
    expect(say(result.tip)).toMatch(/under 1\u00a0min\u00a015\u00a0s/);
  });

  it('treats starting before others finish as the response-gap problem', () => {
    const gapScore = (gap: number) => habit(call({ medianResponseGapSec: gap }), 'concise').figures[1]?.score;
    expect(gapScore(0.8)).toBe(1);
    expect(gapScore(-0.5)).toBe(0);
    expect(gapScore(-0.1)).toBeGreaterThan(0);
    expect(gapScore(-0.1)).toBeLessThan(1);
  });

  it('encourages a quiet person to bring their view in', () => {
    const c = call(
      { talkShare: 0.04, selfSpeechSec: 100, othersSpeechSec: 2400 },
      { participants: 2, meetingKind: 'one-on-one' },
    );
    const result = assess(c);
    expect(result.weakest).toBe('share-floor');
    expect(say(result.tip)).toMatch(/Your view counts/);
    expect(say(habit(c, 'share-floor').summary)).toMatch(/much less than an even split/);
  });

  it('compares with the target when the page never showed how many took part', () => {
    const share = habit(call({}, { participants: null }), 'share-floor');
    expect(say(share.figures[0]!.value)).toMatch(/group size unknown/);
    expect(share.score).not.toBeNull();
  });

  it('reads appreciation from the check-in only', () => {
    const checkIn = { summarised: false, thankedSomeone: false, agreedNextSteps: null, atMs: 1 };
    const c = call({}, { checkIn });
    const result = assess(c);
    expect(habit(c, 'appreciation').score).toBe(0);
    expect(habit(c, 'appreciation').figures.map((f) => say(f.value))).toEqual(['No', 'No', '—']);
    expect(result.weakest).toBe('appreciation');
    expect(say(result.tip)).toMatch(/sum up what you heard/);
  });

  it('says nothing it cannot back up when nobody spoke', () => {
    const silent = call({
      selfSpeechSec: 0,
      othersSpeechSec: 5,
      talkShare: 0,
      backchannelsPerOthersMin: null,
      medianResponseGapSec: null,
    });
    const result = assess(silent);
    expect(result.weakest).toBeNull();
    expect(result.habits.every((h) => h.level === 'unmeasured')).toBe(true);
    expect(result.wentWell).toEqual([]);
    expect(say(result.tip)).toMatch(/Too little speech/);
  });

  it('follows the monologue threshold from settings in the explanation', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      nudges: { ...DEFAULT_SETTINGS.nudges, monologue: { enabled: true, threshold: 90 } },
    };
    const concise = assessCall(call(), settings).habits.find((h) => h.id === 'concise')!;
    expect(say(concise.figures[0]!.explain)).toMatch(/1\u00a0min\u00a030\u00a0s/);
  });
});
