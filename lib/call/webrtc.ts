// What the page's WebRTC layer says about the call, read by the MAIN-world hook
// (extension/capture/rtc-hook.ts) as raw facts and summarised here (pure, unit-tested): is a call
// live, how many others are in it, and whether my audio is being sent.

/** One incoming RTP source of an audio receiver: the stream's own (SSRC) or one mixed into it (CSRC). */
export interface RtcSourceFacts {
  kind: 'ssrc' | 'csrc';
  source: number;
  /** Since its last packet, ms. */
  ageMs: number;
  /** RFC 6464 audio level, linear 0..1 (0 dBov = 1), when the sender adds the header extension. */
  level: number | null;
}

export interface RtcReceiverFacts {
  trackId: string;
  /** The stream the track arrived in (SDP msid), '' when none. */
  streamId: string;
  live: boolean;
  sources: RtcSourceFacts[];
}

export interface RtcSenderFacts {
  /** null: nothing sent (replaceTrack(null), removeTrack). */
  trackId: string | null;
  enabled: boolean;
  live: boolean;
}

export interface RtcConnectionFacts {
  state: 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';
  /** Audio only. */
  receivers: RtcReceiverFacts[];
  senders: RtcSenderFacts[];
}

/** Everything the hook knows, at one moment. */
export interface RtcSnapshot {
  connections: RtcConnectionFacts[];
}

/** The summary the call lifecycle uses. */
export interface WebRtcReading {
  /** The page has made a peer connection at all (a call is being set up or runs). */
  any: boolean;
  /** A connected peer connection receives remote audio (packets lately). */
  receiving: boolean;
  /** A connected peer connection sends a live audio track. */
  sending: boolean;
  /** A remote source carries a voice right now (its level is that of speech). */
  voice: boolean;
  /** What is sent says I am muted: the sent track is disabled, or the sender sends nothing.
   *  null: no audio sender on a connected connection, or only one whose track ended (the page
   *  lost its mic: not a mute of mine), so unknown. */
  sentMuted: boolean | null;
  /** Others in the call: distinct contributing sources of a mix, else distinct incoming audio
   *  streams; null when nothing is received. A server mix that names no contributors counts as one. */
  others: number | null;
  /** Ids of the live tracks on the senders, enabled or not (my voice as the others hear it). */
  sentTrackIds: string[];
}

/** A source whose last packet is older than this no longer counts as flowing. */
const FLOWING_MS = 2000;
/** A source heard within this long counts as a party in the call (getContributingSources keeps
 *  entries for 10 s). */
const PRESENT_MS = 10_000;
/** RFC 6464 level of speech, linear: about −40 dBov and up; comfort noise and silence sit far below. */
export const VOICE_LEVEL = 0.01;

export const NO_WEBRTC: WebRtcReading = {
  any: false,
  receiving: false,
  sending: false,
  voice: false,
  sentMuted: null,
  others: null,
  sentTrackIds: [],
};

export function summarizeWebRtc(snapshot: RtcSnapshot | null): WebRtcReading {
  if (!snapshot || snapshot.connections.length === 0) return NO_WEBRTC;
  const connected = snapshot.connections.filter((c) => c.state === 'connected');
  const receivers = connected.flatMap((c) => c.receivers).filter((r) => r.live);
  const senders = connected.flatMap((c) => c.senders);
  const flowing = receivers.filter((r) => r.sources.some((s) => s.ageMs < FLOWING_MS));
  const sendingNow = senders.filter((s) => s.trackId !== null && s.live && s.enabled);

  const contributors = new Set<number>();
  const streams = new Set<string>();
  connected.forEach((connection, i) => {
    for (const receiver of connection.receivers.filter((r) => r.live)) {
      const present = receiver.sources.filter((s) => s.ageMs < PRESENT_MS);
      const csrcs = present.filter((s) => s.kind === 'csrc');
      for (const s of csrcs) contributors.add(s.source);
      // Per connection: an SFU may name every subscription's stream alike (Janus VideoRoom).
      if (csrcs.length === 0 && present.length > 0) streams.add(`${i}:${receiver.streamId || receiver.trackId}`);
    }
  });
  const others = contributors.size > 0 ? contributors.size : streams.size > 0 ? streams.size : null;

  return {
    any: true,
    receiving: flowing.length > 0,
    sending: sendingNow.length > 0,
    voice: flowing.some((r) => r.sources.some((s) => s.ageMs < FLOWING_MS && (s.level ?? 0) >= VOICE_LEVEL)),
    sentMuted:
      sendingNow.length > 0 ? false : senders.some((s) => s.trackId === null || (s.live && !s.enabled)) ? true : null,
    others,
    // Disabled tracks too: muted, they are still my voice as the page sends it.
    sentTrackIds: [...new Set(senders.flatMap((s) => (s.trackId !== null && s.live ? [s.trackId] : [])))],
  };
}
