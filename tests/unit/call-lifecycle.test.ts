// The call lifecycle (lib/call/lifecycle.ts), transition by transition: which signals start, keep,
// park, rejoin and end a call, and which effects each one asks the content script to carry out.
import { describe, expect, it } from 'vitest';
import {
  initialLifecycle,
  LEAVE_CONFIRM_MS,
  MARKUP_OVERRIDE_MS,
  mutedNow,
  participantsNow,
  REJOIN_WINDOW_MS,
  RETRY_MS,
  stepLifecycle,
  type CallLifecycle,
  type Effect,
  type MarkupFacts,
  type Signal,
} from '../../lib/call/lifecycle';
import { NO_WEBRTC, summarizeWebRtc, type RtcConnectionFacts, type WebRtcReading } from '../../lib/call/webrtc';

const MEETING = 'https://meet.google.com/abc-defg-hij';
const OTHER_MEETING = 'https://meet.google.com/xyz-abcd-efg';

const markup = (phase: MarkupFacts['phase'], more: Partial<MarkupFacts> = {}): MarkupFacts => ({
  phase,
  muted: phase === 'in-call' ? false : null,
  participants: null,
  readable: true,
  knowsSite: true,
  ...more,
});

/** A WebRTC call in full swing: receiving, sending, voices, one other person. */
const LIVE: WebRtcReading = {
  any: true,
  receiving: true,
  sending: true,
  voice: true,
  sentMuted: false,
  others: 1,
  sentTrackIds: ['mic'],
};

/** Drives the lifecycle: every signal at the current clock, effects collected per step. */
function drive(start: Partial<CallLifecycle> = {}) {
  let state: CallLifecycle = { ...initialLifecycle(MEETING), ...start };
  let now = 1_000_000;
  const all: Effect[] = [];
  const send = (signal: Signal | ((atMs: number) => Signal)): Effect[] => {
    const step = stepLifecycle(state, typeof signal === 'function' ? signal(now) : signal);
    state = step.state;
    all.push(...step.effects);
    return step.effects;
  };
  return {
    get state() {
      return state;
    },
    all,
    markup: (m: MarkupFacts | null) => send((atMs) => ({ type: 'markup', atMs, markup: m })),
    webrtc: (w: WebRtcReading) => send((atMs) => ({ type: 'webrtc', atMs, webrtc: w })),
    audio: (remoteTracks: number) => send((atMs) => ({ type: 'audio', atMs, remoteTracks })),
    /** Both readings, as the content script takes them together. */
    read: (m: MarkupFacts | null, w: WebRtcReading = NO_WEBRTC) => [
      ...send((atMs) => ({ type: 'markup', atMs, markup: m })),
      ...send((atMs) => ({ type: 'webrtc', atMs, webrtc: w })),
    ],
    tick: () => send((atMs) => ({ type: 'tick', atMs })),
    wait: (ms: number) => {
      now += ms;
      return send((atMs) => ({ type: 'tick', atMs }));
    },
    send,
    get now() {
      return now;
    },
  };
}

const types = (effects: Effect[]) => effects.map((e) => e.type);

describe('starting a call', () => {
  it('starts at once when the markup reads the call, warming the model first', () => {
    const page = drive();
    expect(page.markup(markup('in-call'))).toEqual([
      { type: 'open-frame' },
      { type: 'start-call', limited: false, muted: false, paused: false },
    ]);
    expect(page.state.phase).toBe('in-call');
  });

  it('waits in the lobby with the model loading, and no call', () => {
    const page = drive();
    expect(types(page.read(markup('lobby')))).toEqual(['open-frame']);
    expect(page.state.phase).toBe('lobby');
    page.wait(60_000);
    expect(page.state.phase).toBe('lobby');
    expect(types(page.all)).toEqual(['open-frame']);
  });

  it('does not take my audio sent alone for a call on a site whose lobby it knows', () => {
    const page = drive();
    page.read(markup('lobby'), { ...NO_WEBRTC, any: true, sending: true, sentMuted: false, sentTrackIds: ['mic'] });
    page.wait(60_000);
    expect(page.state.phase).toBe('lobby');
  });

  it('coaches a live WebRTC call the markup calls a lobby after 5 s, as limited', () => {
    const page = drive();
    page.read(markup('lobby'), LIVE);
    page.wait(MARKUP_OVERRIDE_MS - 100);
    expect(page.state.phase).toBe('lobby');
    expect(page.wait(100)).toEqual([{ type: 'start-call', limited: true, muted: false, paused: false }]);
    expect(page.state.phase).toBe('limited');
  });

  it('coaches a live WebRTC call on a page whose markup reads nothing (changed markup) after 5 s, as limited', () => {
    const page = drive();
    page.read(markup('none', { readable: false, muted: null }), LIVE);
    page.wait(MARKUP_OVERRIDE_MS);
    expect(page.state.phase).toBe('limited');
  });

  it('restarts the 5 s when WebRTC stops being live in between', () => {
    const page = drive();
    page.read(markup('none'), LIVE);
    page.wait(3000);
    page.webrtc({ ...LIVE, receiving: false });
    page.wait(1000);
    page.webrtc(LIVE);
    page.wait(3000);
    expect(page.state.phase).toBe('idle');
    page.wait(2000);
    expect(page.state.phase).toBe('limited');
  });

  it('coaches a site the person added from WebRTC at once (no markers to wait for)', () => {
    const page = drive();
    const effects = page.read(markup('none', { knowsSite: false, readable: false, muted: null }), LIVE);
    expect(types(effects)).toEqual(['open-frame', 'start-call']);
    expect(page.state.phase).toBe('in-call');
  });

  it('on an added site, takes my audio sent, or voices in the remote audio', () => {
    const custom = markup('none', { knowsSite: false });
    const page = drive();
    page.read(custom, { ...LIVE, sending: false, voice: false }); // remote audio, silent
    page.read(custom, { ...LIVE, sending: false, receiving: false, voice: true });
    page.wait(10_000);
    expect(page.state.phase).toBe('idle');
    page.read(custom, { ...LIVE, sending: false, voice: true }); // listen-only, others talking
    expect(page.state.phase).toBe('in-call');

    const alone = drive(); // in the room before anyone else: my audio goes to the server
    alone.read(custom, { ...NO_WEBRTC, any: true, sending: true, sentMuted: false, sentTrackIds: ['mic'] });
    expect(alone.state.phase).toBe('in-call');
  });

  it('never coaches a site that is switched off or not handled', () => {
    const page = drive();
    page.read(null, LIVE);
    page.wait(60_000);
    expect(page.state.phase).toBe('idle');
    expect(page.all).toEqual([]);
  });

  it('takes live remote audio in media elements as evidence where the hook saw no connection', () => {
    const unreadable = markup('none', { readable: false, muted: null });
    const page = drive();
    page.read(unreadable);
    page.audio(2);
    page.wait(MARKUP_OVERRIDE_MS);
    expect(page.state.phase).toBe('limited');

    const withHook = drive();
    withHook.read(unreadable, { ...NO_WEBRTC, any: true });
    withHook.audio(2);
    withHook.wait(MARKUP_OVERRIDE_MS);
    expect(withHook.state.phase).toBe('idle'); // the hook sees the connections: it decides
  });

  it('starts muted and paused when the person is', () => {
    const page = drive();
    page.send({ type: 'pause', paused: true });
    page.read(markup('in-call', { muted: true }));
    expect(page.all.find((e) => e.type === 'start-call')).toEqual({
      type: 'start-call',
      limited: false,
      muted: true,
      paused: true,
    });
  });

  it('tries a capture that failed to start again after a while', () => {
    const page = drive();
    page.read(markup('in-call'));
    page.send((atMs) => ({ type: 'call-failed', atMs }));
    expect(page.state.phase).toBe('idle');
    page.wait(RETRY_MS - 1000);
    page.read(markup('in-call'));
    expect(page.state.phase).toBe('idle');
    page.wait(1000);
    expect(types(page.tick())).toEqual([]);
    expect(page.state.phase).toBe('in-call');
    expect(types(page.all).filter((t) => t === 'start-call')).toHaveLength(2);
  });
});

describe('during a call', () => {
  function inCall(m = markup('in-call'), w: WebRtcReading = LIVE) {
    const page = drive();
    page.read(m, w);
    page.send({ type: 'call-saved' });
    page.all.length = 0;
    return page;
  }

  it('survives the markup looking away for a moment (toolbars re-render)', () => {
    const page = inCall(markup('in-call'), NO_WEBRTC);
    page.markup(markup('none'));
    page.wait(LEAVE_CONFIRM_MS - 100);
    page.markup(markup('in-call'));
    page.wait(5000);
    expect(page.state.phase).toBe('in-call');
    expect(page.all).toEqual([]);
  });

  it('goes limited when the markup stops reading the call for 5 s while WebRTC is live, and back', () => {
    const page = inCall();
    page.markup(markup('none', { readable: false, muted: null }));
    page.wait(MARKUP_OVERRIDE_MS - 100);
    expect(page.state.phase).toBe('in-call');
    expect(page.wait(100)).toEqual([{ type: 'set-limited', limited: true }]);
    expect(page.state.phase).toBe('limited');
    expect(page.markup(markup('in-call'))).toEqual([{ type: 'set-limited', limited: false }]);
    expect(page.state.phase).toBe('in-call');
  });

  it('parks the call when nothing shows it for 1.5 s', () => {
    const page = inCall(markup('in-call'), NO_WEBRTC);
    page.markup(markup('none'));
    page.wait(LEAVE_CONFIRM_MS - 1);
    expect(page.state.phase).toBe('in-call');
    expect(page.wait(1)).toEqual([{ type: 'park-call' }]);
    expect(page.state.phase).toBe('parked');
  });

  it('parks at once on the end screen when WebRTC has stopped', () => {
    const page = inCall();
    page.webrtc({ ...LIVE, receiving: false, sending: false });
    expect(page.markup(markup('ended'))).toEqual([{ type: 'park-call' }]);
  });

  it('keeps coaching while WebRTC is live, whatever the markup says (a stale end screen)', () => {
    const page = inCall();
    page.markup(markup('ended'));
    page.wait(30_000);
    expect(page.state.phase).toBe('limited');
    expect(types(page.all)).toEqual(['set-limited']);
  });

  it('ends a call that never got a record instead of parking it', () => {
    const page = drive();
    page.read(markup('in-call'));
    page.markup(markup('ended'));
    expect(page.state.phase).toBe('ended');
    expect(types(page.all)).toContain('end-call');
  });

  it('leaves at once when the page navigates to another meeting', () => {
    const page = inCall();
    expect(page.send((atMs) => ({ type: 'navigation', atMs, meeting: OTHER_MEETING }))).toEqual([
      { type: 'park-call' },
    ]);
  });

  it('ends a call known from WebRTC alone when its audio stops both ways', () => {
    const page = inCall(markup('none', { knowsSite: false }));
    page.webrtc({ ...LIVE, receiving: false, sending: false });
    page.wait(LEAVE_CONFIRM_MS);
    expect(page.state.phase).toBe('parked');
  });

  it('keeps a call known from WebRTC alone while I am muted and nobody talks', () => {
    const page = inCall(markup('none', { knowsSite: false }));
    page.webrtc({ ...LIVE, sending: false, voice: false, sentMuted: true });
    page.wait(60_000);
    expect(page.state.phase).toBe('in-call');
    page.webrtc({ ...LIVE, receiving: false }); // their audio stopped, mine still goes out
    page.wait(60_000);
    expect(page.state.phase).toBe('in-call');
  });

  it('follows mute from what is sent and from the page (either one mutes)', () => {
    const page = inCall();
    expect(page.webrtc({ ...LIVE, sending: false, sentMuted: true })).toEqual([{ type: 'set-muted', muted: true }]);
    expect(page.webrtc(LIVE)).toEqual([{ type: 'set-muted', muted: false }]);
    // Server-side mute (Janus AudioBridge): the track still sends; the page's button says muted.
    expect(page.markup(markup('in-call', { muted: true }))).toEqual([{ type: 'set-muted', muted: true }]);
    expect(mutedNow(page.state)).toBe(true);
    expect(page.markup(markup('in-call', { muted: false }))).toEqual([{ type: 'set-muted', muted: false }]);
    expect(page.markup(markup('in-call', { muted: false }))).toEqual([]); // no change, no effect
  });

  it('tells the call about pause', () => {
    const page = inCall();
    expect(page.send({ type: 'pause', paused: true })).toEqual([{ type: 'set-paused', paused: true }]);
    expect(page.send({ type: 'pause', paused: true })).toEqual([]);
    expect(page.send({ type: 'pause', paused: false })).toEqual([{ type: 'set-paused', paused: false }]);
  });

  it('counts participants from the page, else from the call, and keeps the largest', () => {
    const page = inCall(markup('none', { knowsSite: false }), { ...LIVE, others: 1 });
    expect(page.state.maxParticipants).toBe(2); // a two-person call on a site with no count: one-on-one
    page.webrtc({ ...LIVE, others: 3 });
    page.webrtc({ ...LIVE, others: 2 });
    expect(participantsNow(page.state)).toBe(3);
    expect(page.state.maxParticipants).toBe(4);
    page.markup(markup('in-call', { participants: 6 }));
    expect(participantsNow(page.state)).toBe(6);
    expect(page.state.maxParticipants).toBe(6);
  });
});

describe('leaving and coming back', () => {
  function parked() {
    const page = drive();
    page.read(markup('in-call'), LIVE);
    page.send({ type: 'call-saved' });
    page.read(markup('ended'), NO_WEBRTC);
    expect(page.state.phase).toBe('parked');
    page.all.length = 0;
    return page;
  }

  it('rejoins the same meeting within the window: the same call goes on', () => {
    const page = parked();
    page.wait(30_000);
    const effects = page.read(markup('in-call'), LIVE);
    expect(types(effects)).toEqual(['rejoin-call', 'set-muted', 'set-paused', 'set-limited']);
    expect(page.state.phase).toBe('rejoined');
    page.wait(10_000); // the background takes its time: nothing else happens meanwhile
    expect(page.state.phase).toBe('rejoined');
    expect(page.send((atMs) => ({ type: 'rejoin-result', atMs, resumed: true }))).toEqual([]);
    expect(page.state.phase).toBe('in-call');
  });

  it('starts a new call when the background refuses the rejoin', () => {
    const page = parked();
    page.read(markup('in-call'), LIVE);
    const effects = page.send((atMs) => ({ type: 'rejoin-result', atMs, resumed: false }));
    expect(types(effects)).toEqual(['end-parked-call', 'start-call']);
    expect(page.state.phase).toBe('in-call');
    expect(page.state.callSaved).toBe(false);
  });

  it('ends the parked call when the window passes', () => {
    const page = parked();
    page.wait(REJOIN_WINDOW_MS - 1);
    expect(page.state.phase).toBe('parked');
    expect(page.wait(1)).toEqual([{ type: 'end-parked-call' }]);
    expect(page.state.phase).toBe('ended');
    expect(types(page.read(markup('in-call'), LIVE))).toEqual(['start-call']); // a new call
  });

  it('ends the parked call and starts a new one in another meeting', () => {
    const page = parked();
    page.send((atMs) => ({ type: 'navigation', atMs, meeting: OTHER_MEETING }));
    expect(types(page.read(markup('in-call'), LIVE))).toEqual(['end-parked-call', 'start-call']);
    expect(page.state.callMeeting).toBe(OTHER_MEETING);
  });

  it('parks again when the page leaves while the rejoin is being decided', () => {
    const page = parked();
    page.read(markup('in-call'), LIVE);
    page.read(markup('ended'), NO_WEBRTC);
    expect(page.send((atMs) => ({ type: 'rejoin-result', atMs, resumed: true }))).toEqual([{ type: 'park-call' }]);
  });

  it('gives up running and parked calls when the page goes away', () => {
    const running = drive();
    running.read(markup('in-call'));
    expect(running.send((atMs) => ({ type: 'leave', atMs }))).toEqual([{ type: 'abandon-calls' }]);
    expect(running.state.phase).toBe('ended');

    expect(parked().send((atMs) => ({ type: 'leave', atMs }))).toEqual([{ type: 'abandon-calls' }]);
    expect(drive().send((atMs) => ({ type: 'leave', atMs }))).toEqual([]);
  });
});

describe('the speech model frame', () => {
  it('opens once: for a meeting page, a page making a peer connection, or any page of an added site', () => {
    const lobby = drive();
    lobby.read(markup('lobby'));
    lobby.read(markup('in-call'));
    expect(types(lobby.all).filter((t) => t === 'open-frame')).toHaveLength(1);

    const connecting = drive();
    expect(types(connecting.read(markup('none'), { ...NO_WEBRTC, any: true }))).toEqual(['open-frame']);

    const added = drive();
    expect(types(added.read(markup('none', { knowsSite: false })))).toEqual(['open-frame']);

    const home = drive();
    expect(home.read(markup('none'))).toEqual([]);
  });
});

describe('the WebRTC summary', () => {
  const source = (kind: 'ssrc' | 'csrc', id: number, level: number | null = 0.2, ageMs = 100) => ({
    kind,
    source: id,
    ageMs,
    level,
  });
  const receiver = (streamId: string, sources: ReturnType<typeof source>[]) => ({
    trackId: `t-${streamId}`,
    streamId,
    live: true,
    sources,
  });
  const connection = (more: Partial<RtcConnectionFacts> = {}): RtcConnectionFacts => ({
    state: 'connected',
    receivers: [receiver('a', [source('ssrc', 1)])],
    senders: [{ trackId: 'mic', enabled: true, live: true }],
    ...more,
  });

  it('reads a live call', () => {
    expect(summarizeWebRtc({ connections: [connection()] })).toEqual(LIVE);
  });

  it('reads nothing from nothing', () => {
    expect(summarizeWebRtc(null)).toEqual(NO_WEBRTC);
    expect(summarizeWebRtc({ connections: [] })).toEqual(NO_WEBRTC);
  });

  it('counts only connected connections', () => {
    const reading = summarizeWebRtc({ connections: [connection({ state: 'connecting' })] });
    expect(reading).toMatchObject({ any: true, receiving: false, sending: false, others: null, sentMuted: null });
  });

  it('tells voices from silence by the sources’ audio levels', () => {
    expect(
      summarizeWebRtc({ connections: [connection({ receivers: [receiver('a', [source('ssrc', 1, 0.0003)])] })] }).voice,
    ).toBe(false);
    expect(
      summarizeWebRtc({ connections: [connection({ receivers: [receiver('a', [source('ssrc', 1, null)])] })] }).voice,
    ).toBe(false);
    // A source whose packets stopped is neither flowing nor speaking.
    const stale = summarizeWebRtc({
      connections: [connection({ receivers: [receiver('a', [source('ssrc', 1, 0.2, 5000)])] })],
    });
    expect(stale).toMatchObject({ receiving: false, voice: false, others: 1 });
  });

  it('reads mute from what is sent: a disabled track, or a sender with nothing on it', () => {
    expect(
      summarizeWebRtc({ connections: [connection({ senders: [{ trackId: 'mic', enabled: false, live: true }] })] }),
    ).toMatchObject({
      sending: false,
      sentMuted: true,
      sentTrackIds: ['mic'],
    });
    expect(
      summarizeWebRtc({ connections: [connection({ senders: [{ trackId: null, enabled: false, live: false }] })] }),
    ).toMatchObject({
      sentMuted: true,
      sentTrackIds: [],
    });
    expect(summarizeWebRtc({ connections: [connection({ senders: [] })] }).sentMuted).toBeNull();
    // A track that ended is a mic the page lost, not a mute.
    expect(
      summarizeWebRtc({ connections: [connection({ senders: [{ trackId: 'mic', enabled: true, live: false }] })] })
        .sentMuted,
    ).toBeNull();
  });

  it('counts the others: one per incoming stream (an SFU, peer to peer), or the contributors of a mix', () => {
    const sfu = connection({
      receivers: [
        receiver('a', [source('ssrc', 1)]),
        receiver('b', [source('ssrc', 2)]),
        receiver('b', [source('ssrc', 3)]),
      ],
    });
    expect(summarizeWebRtc({ connections: [sfu] }).others).toBe(2); // b's audio in two tracks is one person
    const peers = [connection(), connection({ receivers: [receiver('c', [source('ssrc', 9)])] })];
    expect(summarizeWebRtc({ connections: peers }).others).toBe(2);
    // Janus VideoRoom: one subscriber connection per person, each naming its stream alike.
    const subscriptions = [
      connection({ receivers: [receiver('janus', [source('ssrc', 4)])] }),
      connection({ receivers: [receiver('janus', [source('ssrc', 5)])] }),
    ];
    expect(summarizeWebRtc({ connections: subscriptions }).others).toBe(2);
    const mix = connection({
      receivers: [
        receiver('v1', [source('ssrc', 1), source('csrc', 11), source('csrc', 12)]),
        receiver('v2', [source('ssrc', 2), source('csrc', 13)]),
      ],
    });
    expect(summarizeWebRtc({ connections: [mix] }).others).toBe(3);
  });
});
