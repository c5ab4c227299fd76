import { describe, expect, it } from 'vitest';
import { chooseRemoteTracks } from '../../extension/capture/remote-tracks';
import { coachState, type CoachFacts } from '../../extension/content/coach-state';

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
