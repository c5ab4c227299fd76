import { describe, expect, it } from 'vitest';
import type { ConversationEvent, LiveState } from '../../lib/engine/types';
import {
  dismissNudge,
  initialNudgeState,
  NUDGE_VISIBLE_MS,
  stepNudges,
  type NudgeInput,
  type NudgeState,
} from '../../lib/coaching/nudges';
import { say } from '../../components/say';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';

function live(overrides: Partial<LiveState> = {}): LiveState {
  return {
    timeSec: 60,
    selfSpeaking: false,
    othersSpeaking: false,
    muted: false,
    floor: null,
    floorTurnSec: 0,
    selfTurnSec: 0,
    selfSpeechSec: 10,
    othersSpeechSec: 40,
    talkShare: 0.2,
    interruptionsBySelf: 0,
    interruptionsOfSelf: 0,
    talkoversBySelf: 0,
    talkoversOfSelf: 0,
    backchannelsBySelf: 0,
    backchannelsByOthers: 0,
    longestMonologueSec: 0,
    othersLongestTurnSec: 0,
    ...overrides,
  };
}

/**
 * Drives the policy like the content script does, with a fake clock: one step per second of call
 * time; `at(sec)` says what the live state and events are at that second.
 */
function run(
  fromSec: number,
  toSec: number,
  at: (sec: number) => { live: Partial<LiveState>; events?: ConversationEvent[] },
  settings: Settings = DEFAULT_SETTINGS,
  start: NudgeState = initialNudgeState(),
  participants: number | null = 4,
) {
  let state = start;
  const shown: { sec: number; kind: string; text: string }[] = [];
  for (let sec = fromSec; sec <= toSec; sec++) {
    const frame = at(sec);
    const input: NudgeInput = {
      live: live({ timeSec: sec, ...frame.live }),
      events: frame.events ?? [],
      settings,
      participants,
      targetShare: 0.25,
      nowMs: sec * 1000,
    };
    const before = state.current;
    state = stepNudges(state, input);
    if (state.current && state.current !== before)
      shown.push({ sec, kind: state.current.kind, text: say(state.current.text) });
  }
  return { state, shown };
}

const monologueFrom = (startSec: number) => (sec: number) => ({
  live: { floor: 'self' as const, selfSpeaking: true, selfTurnSec: sec - startSec, floorTurnSec: sec - startSec },
});

describe('nudge policy', () => {
  it('nudges a monologue gently at 75 s and more firmly at 120 s, once each', () => {
    const { shown } = run(100, 330, monologueFrom(100));
    expect(shown.map((s) => [s.sec, s.kind])).toEqual([
      [175, 'monologue'],
      [220, 'monologue-strong'],
    ]);
    expect(shown[0]?.text).toMatch(/1\u00a0min\u00a015\u00a0s/);
  });

  it('clears the monologue nudge as soon as I hand over', () => {
    let { state } = run(100, 180, monologueFrom(100));
    expect(state.current?.kind).toBe('monologue');
    ({ state } = run(181, 181, () => ({ live: { floor: 'others', floorTurnSec: 0.5 } }), DEFAULT_SETTINGS, state));
    expect(state.current).toBeNull();
  });

  it('starts counting again in my next turn', () => {
    const twoTurns = (sec: number) =>
      sec < 200
        ? monologueFrom(100)(sec)
        : sec < 210
          ? { live: { floor: 'others' as const, floorTurnSec: sec - 200 } }
          : monologueFrom(210)(sec);
    const { shown } = run(100, 600, twoTurns);
    // Second turn reaches 75 s at 285, but the 180 s cooldown from 175 holds it until 355.
    expect(shown.map((s) => [s.sec, s.kind])).toEqual([
      [175, 'monologue'],
      [355, 'monologue-strong'],
    ]);
  });

  it('nudges an interruption by me in the moment, never later', () => {
    const interruption: ConversationEvent = { type: 'interruption', by: 'self', at: 99 };
    const { shown } = run(100, 130, (sec) => ({
      live: { floor: 'self', selfTurnSec: sec - 99 },
      events: sec === 101 ? [interruption] : [],
    }));
    expect(shown.map((s) => s.kind)).toEqual(['interruption']);

    // During a cooldown the same event is dropped, and does not pop up when the cooldown ends.
    const busy: NudgeState = { ...initialNudgeState(), lastShownAtMs: 90_000 };
    const late = run(
      100,
      400,
      (sec) => ({ live: {}, events: sec === 101 ? [interruption] : [] }),
      DEFAULT_SETTINGS,
      busy,
    );
    expect(late.shown).toEqual([]);
  });

  it('respects the interruption count threshold', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      nudges: { ...DEFAULT_SETTINGS.nudges, interruption: { enabled: true, threshold: 2 } },
    };
    const e: ConversationEvent = { type: 'interruption', by: 'self', at: 0 };
    const { shown } = run(100, 200, (sec) => ({ live: {}, events: sec === 110 || sec === 150 ? [e] : [] }), settings);
    expect(shown.map((s) => [s.sec, s.kind])).toEqual([[150, 'interruption']]);
  });

  it('ignores interruptions of me and my backchannels for the interruption nudge', () => {
    const events: ConversationEvent[] = [
      { type: 'interruption', by: 'others', at: 1 },
      { type: 'backchannel', by: 'self', at: 1 },
    ];
    expect(run(100, 110, () => ({ live: {}, events })).shown).toEqual([]);
  });

  it('reminds me of my share only after five minutes and two minutes of speech, above 1.5 × fair', () => {
    const over = { talkShare: 0.45, selfSpeechSec: 90, othersSpeechSec: 110 };
    // Fair share with 4 people: 25%; 1.5 × 25% = 37.5%.
    expect(run(200, 299, () => ({ live: over })).shown).toEqual([]);
    const { shown } = run(300, 320, () => ({ live: over }));
    expect(shown.map((s) => [s.sec, s.kind])).toEqual([[300, 'over-share']]);
    expect(shown[0]?.text).toMatch(/45%.*fair share 25%/);
    expect(run(300, 320, () => ({ live: { ...over, talkShare: 0.35 } })).shown).toEqual([]);
  });

  it('uses my target as the yardstick when the participant count is unknown', () => {
    const over = { talkShare: 0.4, selfSpeechSec: 90, othersSpeechSec: 110 };
    const { shown } = run(300, 301, () => ({ live: over }), DEFAULT_SETTINGS, initialNudgeState(), null);
    expect(shown[0]?.text).toMatch(/your target 25%/);
  });

  it('invites the people who have not spoken in 15 minutes in, rarely', () => {
    const shown: string[] = [];
    let state = initialNudgeState();
    for (let sec = 0; sec <= 3600; sec += 10) {
      const before = state.current;
      state = stepNudges(state, {
        live: live({ timeSec: sec }),
        events: [],
        settings: DEFAULT_SETTINGS,
        participants: 5,
        targetShare: 0.25,
        quietPeople: 2,
        nowMs: sec * 1000,
      });
      if (state.current && state.current !== before) shown.push(`${sec} ${say(state.current.text)}`);
    }
    // Not before 15 minutes of call; then once per 20 minutes at most.
    expect(shown).toEqual([
      '900 2 people have not spoken in 15\u00a0min: invite them in?',
      '2100 2 people have not spoken in 15\u00a0min: invite them in?',
      '3300 2 people have not spoken in 15\u00a0min: invite them in?',
    ]);
    const one = stepNudges(initialNudgeState(), {
      live: live({ timeSec: 900 }),
      events: [],
      settings: DEFAULT_SETTINGS,
      participants: 3,
      targetShare: 0.25,
      quietPeople: 1,
      nowMs: 0,
    });
    expect(say(one.current!.text)).toBe('Someone has not spoken in 15\u00a0min: invite them in?');
  });

  it('never invites anyone in when the call cannot tell people apart, or the nudge is off', () => {
    const off: Settings = {
      ...DEFAULT_SETTINGS,
      nudges: { ...DEFAULT_SETTINGS.nudges, inclusion: { enabled: false, threshold: 900 } },
    };
    for (const [settings, quietPeople] of [
      [DEFAULT_SETTINGS, null],
      [DEFAULT_SETTINGS, 0],
      [off, 2],
    ] as const) {
      const state = stepNudges(initialNudgeState(), {
        live: live({ timeSec: 2000 }),
        events: [],
        settings,
        participants: 4,
        targetShare: 0.25,
        quietPeople,
        nowMs: 0,
      });
      expect(state.current).toBeNull();
    }
  });

  it('does not repeat the share reminder within 15 minutes', () => {
    const over = { talkShare: 0.45, selfSpeechSec: 900, othersSpeechSec: 1100 };
    const { shown } = run(300, 1300, () => ({ live: over }));
    expect(shown.map((s) => s.sec)).toEqual([300, 1200]);
  });

  it('praises letting someone finish a story of two minutes or more, after confirming', () => {
    const story = (sec: number) =>
      sec <= 250
        ? { live: { floor: 'others' as const, floorTurnSec: sec - 100 } }
        : { live: { floor: 'self' as const, selfTurnSec: sec - 250 } };
    const { shown } = run(100, 270, story);
    expect(shown.map((s) => [s.sec, s.kind])).toEqual([[254, 'let-finish']]);
    expect(shown[0]?.text).toMatch(/2\u00a0min\u00a030\u00a0s story/);
  });

  it('does not praise a story I cut short, even when the event arrives after the floor changed', () => {
    const cut: ConversationEvent = { type: 'interruption', by: 'self', at: 249 };
    const story = (sec: number) =>
      sec <= 250
        ? { live: { floor: 'others' as const, floorTurnSec: sec - 100 } }
        : { live: { floor: 'self' as const, selfTurnSec: sec - 250 }, events: sec === 252 ? [cut] : [] };
    const { shown } = run(100, 270, story);
    expect(shown.map((s) => s.kind)).toEqual(['interruption']);
  });

  it('does not praise a short turn', () => {
    const short = (sec: number) =>
      sec <= 160
        ? { live: { floor: 'others' as const, floorTurnSec: sec - 100 } }
        : { live: { floor: 'self' as const, selfTurnSec: 1 } };
    expect(run(100, 180, short).shown).toEqual([]);
  });

  it('praises backchannels during one turn at most every 30 minutes', () => {
    const bc: ConversationEvent = { type: 'backchannel', by: 'self', at: 0 };
    const { shown } = run(100, 400, (sec) => ({
      live: { floor: 'others', floorTurnSec: sec - 99 },
      events: sec % 20 === 0 ? [bc] : [],
    }));
    expect(shown.map((s) => [s.sec, s.kind])).toEqual([[140, 'backchannel']]);
  });

  it('shows nothing in quiet mode, and nothing stale when quiet mode ends', () => {
    const quiet = { ...DEFAULT_SETTINGS, quiet: true };
    const e: ConversationEvent = { type: 'interruption', by: 'self', at: 0 };
    const first = run(100, 200, (sec) => ({ ...monologueFrom(100)(sec), events: sec === 120 ? [e] : [] }), quiet);
    expect(first.shown).toEqual([]);
    const after = run(201, 205, monologueFrom(100), DEFAULT_SETTINGS, first.state);
    // Still in the same long turn: the current monologue is worth saying; the old interruption is not.
    expect(after.shown.map((s) => s.kind)).toEqual(['monologue']);
  });

  it('shows nothing while I am muted', () => {
    const { shown } = run(100, 300, (sec) => ({ live: { ...monologueFrom(100)(sec).live, muted: true } }));
    expect(shown).toEqual([]);
  });

  it('honours switched-off nudges', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      nudges: { ...DEFAULT_SETTINGS.nudges, monologue: { enabled: false, threshold: 75 } },
    };
    expect(run(100, 300, monologueFrom(100), settings).shown).toEqual([]);
  });

  it('lets a nudge leave by itself and by dismissal, keeping the cooldown', () => {
    const e: ConversationEvent = { type: 'interruption', by: 'self', at: 0 };
    let { state } = run(100, 100, () => ({ live: {}, events: [e] }));
    expect(state.current?.kind).toBe('interruption');
    state = dismissNudge(state);
    expect(state.current).toBeNull();
    expect(state.lastShownAtMs).toBe(100_000);

    ({ state } = run(100, 100, () => ({ live: {}, events: [e] })));
    ({ state } = run(101, 100 + NUDGE_VISIBLE_MS / 1000, () => ({ live: {} }), DEFAULT_SETTINGS, state));
    expect(state.current).toBeNull();
  });

  it('never shows two nudges at once', () => {
    const e: ConversationEvent = { type: 'interruption', by: 'self', at: 0 };
    const settings = { ...DEFAULT_SETTINGS, nudgeCooldownSec: 0 };
    let { state } = run(100, 100, () => ({ live: {}, events: [e] }), settings);
    const first = state.current;
    ({ state } = run(101, 105, () => ({ live: {}, events: [e] }), settings, state));
    expect(state.current).toBe(first);
  });
});
