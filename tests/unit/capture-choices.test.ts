import { describe, expect, it } from 'vitest';
import { chooseRemoteTracks } from '../../extension/capture/remote-tracks';
import { say } from '../../components/say';
import { coachMessage, coachState, type CoachFacts, type MessageFacts } from '../../extension/content/coach-state';
import { saveIntervalSec } from '../../extension/content/call-session';
import { text } from '../../lib/coaching/text';

const track = (id: string) => ({ id });

describe('chooseRemoteTracks', () => {
  it('mixes every distinct remote track once', () => {
    const a = track('a');
    const b = track('b');
    const chosen = chooseRemoteTracks(
      [
        { track: a, streamId: 'pool-1' },
        { track: b, streamId: 'pool-2' },
        { track: a, streamId: 'hooked-a' }, // the same track seen by the RTC hook
      ],
      new Set(),
    );
    expect(chosen).toEqual([a, b]);
  });

  it('keeps two subscriptions that an SFU gave the same track id: two people (Janus VideoRoom)', () => {
    const first = track('janus');
    const second = track('janus');
    expect(
      chooseRemoteTracks(
        [
          { track: first, streamId: 'janus' },
          { track: second, streamId: 'janus' },
        ],
        new Set(),
      ),
    ).toEqual([first, second]);
  });

  it('takes only the server-side mix when present (Teams), never its redundant copy or per-person tracks', () => {
    const main = track('main');
    const copy = track('copy');
    const person = track('person');
    const chosen = chooseRemoteTracks(
      [
        { track: copy, streamId: '4b1e0c' },
        { track: main, streamId: 'mainAudio-7f3a' },
        { track: person, streamId: 'participant-2' },
      ],
      new Set(),
    );
    expect(chosen).toEqual([main]);
  });

  it('recognises the mix from the hook even when a page element holds the track in its own stream', () => {
    const main = track('main');
    const other = track('other');
    const chosen = chooseRemoteTracks(
      [
        { track: main, streamId: 'page-assembled' },
        { track: main, streamId: 'mainAudio-1' },
        { track: other, streamId: 'x' },
      ],
      new Set(),
    );
    expect(chosen).toEqual([main]);
  });

  it('leaves out my own tracks', () => {
    const mine = track('mine');
    const theirs = track('theirs');
    expect(
      chooseRemoteTracks(
        [
          { track: mine, streamId: 's' },
          { track: theirs, streamId: 't' },
        ],
        new Set(['mine']),
      ),
    ).toEqual([theirs]);
  });
});

describe('coachState', () => {
  const base: CoachFacts = {
    supported: true,
    inCall: true,
    paused: false,
    micDenied: false,
    muted: false,
    limited: false,
  };

  it('says listening in a plain call', () => {
    expect(coachState(base)).toBe('listening');
  });

  it('puts the facts that need action first', () => {
    expect(coachState({ ...base, supported: false, paused: true })).toBe('unsupported');
    expect(coachState({ ...base, inCall: false, muted: true })).toBe('idle');
    expect(coachState({ ...base, paused: true, micDenied: true })).toBe('paused');
    expect(coachState({ ...base, micDenied: true, muted: true })).toBe('mic-denied');
    expect(coachState({ ...base, muted: true, limited: true })).toBe('muted');
    expect(coachState({ ...base, limited: true })).toBe('limited');
  });
});

describe('coachMessage', () => {
  const base: MessageFacts = {
    micProblem: null,
    storageFull: false,
    waitingForGesture: false,
    needsTabCapture: false,
    recentGapSec: null,
    muteKnown: true,
    limited: false,
    speechModel: 'ready',
    modelStopped: null,
    modelError: null,
  };
  /** What the overlay shows, in the English the extension ships (tests/support/i18n-setup.ts). */
  const shown = (facts: Partial<MessageFacts>) => {
    const message = coachMessage({ ...base, ...facts });
    return message && say(message);
  };

  it('says nothing while all is well', () => {
    expect(shown({})).toBeNull();
  });

  it('tells how to fix what needs the person, first', () => {
    const denied = text('status.micDenied', 'meet.google.com');
    expect(shown({ micProblem: denied, storageFull: true, waitingForGesture: true })).toBe(
      'The coach cannot hear your microphone on meet.google.com. Allow it in the address bar ' +
        '(the site settings icon → Microphone → Allow), then reload the meeting tab.',
    );
    expect(shown({ storageFull: true, waitingForGesture: true })).toMatch(/^Your disk is full, so this call/);
    expect(shown({ waitingForGesture: true, needsTabCapture: true })).toBe(
      'Click anywhere in the meeting to let the coach start listening.',
    );
    expect(shown({ needsTabCapture: true, recentGapSec: 3 })).toMatch(
      /choose “Listen to this tab” \(or press Alt\+Shift\+L\)/,
    );
  });

  it('counts the seconds it could not hear, in whole seconds', () => {
    const gap = (sec: number) => shown({ recentGapSec: sec, limited: true });
    expect(gap(1.2)).toBe(
      'Your computer was too busy for the coach to hear 1 second of this call: that time is left out of the figures.',
    );
    expect(gap(12.6)).toBe(
      'Your computer was too busy for the coach to hear 13 seconds of this call: that time is left out of the figures.',
    );
  });

  it('says what the figures lack: the page, the mute state, the speech model', () => {
    expect(shown({ limited: true, muteKnown: false, speechModel: 'loading' })).toBe(
      'The coach cannot read this page’s call screen, so it follows the call from its audio. ' +
        'It cannot tell when you are muted, so what you say then still counts.',
    );
    expect(shown({ limited: true })).toBe(
      'The coach cannot read this page’s call screen, so it follows the call from its audio.',
    );
    expect(shown({ muteKnown: false, speechModel: 'loading' })).toBe(
      'The coach cannot tell when you are muted, so what you say then still counts.',
    );
    expect(shown({ speechModel: 'loading' })).toMatch(/^The speech model is still loading/);
    expect(shown({ speechModel: 'absent' })).toBe(
      'The speech model is not available (not installed): speech is told from noise by loudness alone.',
    );
    expect(shown({ speechModel: 'absent', modelError: 'the speech model’s frame did not load' })).toMatch(
      /^The speech model is not available \(the speech model’s frame did not load\)/,
    );
    expect(shown({ speechModel: 'absent', modelStopped: 'worker closed', modelError: 'x' })).toBe(
      'The speech model is not answering (worker closed): until it does again, speech is told from noise by loudness alone.',
    );
  });
});

describe('saveIntervalSec', () => {
  it('keeps ≥ 98 % of a call closed at any moment from its first minute on, and never loses more than 5 s', () => {
    // A tab closed (or crashed) just before a save loses all since the one before it.
    for (let saved = 0; saved < 3 * 3600; saved += saveIntervalSec(saved)) {
      const closedSec = saved + saveIntervalSec(saved);
      const lostSec = closedSec - saved;
      expect(lostSec).toBeLessThanOrEqual(5);
      if (closedSec >= 60) expect(1 - lostSec / closedSec).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('saves a short call every second and a long one every 5 s', () => {
    expect(saveIntervalSec(0)).toBe(1);
    expect(saveIntervalSec(3600)).toBe(5);
  });
});
