// MAIN-world hook on RTCPeerConnection, installed at document_start in every frame, so the coach
// knows the call as the browser carries it (extension/channels/page-hook.ts is the route to the
// content script):
// - every remote audio track is attached to a hidden, muted <audio>. That makes tracks no page
//   element plays (Teams' mixed track) visible in the DOM, and keeps each flowing: Chromium
//   delivers silence to Web Audio for a remote WebRTC track that no media element plays;
// - the audio tracks the page sends (my voice as the others hear it) are put on <audio> elements
//   that never play, for the content script to analyse instead of opening the mic a second time;
// - on each poll it reports every connection's state, its incoming sources with their RFC 6464
//   audio levels (voices, without touching audio) and its senders (mute as what is sent);
// - while the content script asks for them (during a call), it samples every remote audio
//   receiver's sources 10 times a second (one whose sources carry no voice about 3 times), and
//   hands the samples over in batches (lib/people/levels.ts): who else speaks, per person, without
//   touching audio.
// The page's own behaviour is unchanged.
import type { RtcConnectionFacts, RtcSnapshot, RtcSourceFacts } from '../../lib/call/webrtc';
import {
  LEVEL_BUFFER_SAMPLES,
  LEVEL_FRESH_MS,
  LEVEL_IDLE_MS,
  LEVEL_LONE_READ_MS,
  LEVEL_SAMPLE_MS,
  ReadCadence,
  isLoneStream,
  type LevelBatch,
  type LevelSample,
  type SourceInfo,
} from '../../lib/people/levels';
import {
  answerLevelPolls,
  answerPolls,
  HOOK_CONTAINER_TAG,
  HOOK_SENT_ATTR,
  HOOK_STREAM_ATTR,
} from '../channels/page-hook';

const INSTALLED = Symbol.for('listening-coach.rtc-hook');
/** A receiver without contributing sources is checked for them this often. */
const CSRC_RECHECK_MS = 1000;

/** One receiver's sources as last read. */
interface SourceRead {
  atMs: number;
  ssrcs: readonly RTCRtpSynchronizationSource[];
  csrcs: readonly RTCRtpContributingSource[];
  /** It carries contributing sources: its SSRC is a server's mix, not a person. */
  mixer: boolean;
}

/** Only what receives has sources: a send-only transceiver's receiver has nothing to read. */
function receives(transceiver: RTCRtpTransceiver): boolean {
  return transceiver.currentDirection === 'recvonly' || transceiver.currentDirection === 'sendrecv';
}

/** Milliseconds since a source's last packet. Chromium has given the timestamp on the
 *  performance clock and on the epoch clock in different versions: the nearer one is right. */
function ageMs(timestamp: number, win: Window): number {
  return Math.max(0, Math.min(Math.abs(win.performance.now() - timestamp), Math.abs(Date.now() - timestamp)));
}

export function installRtcHook(win: Window & typeof globalThis): void {
  const Native = win.RTCPeerConnection;
  const marked = win as unknown as Record<symbol, boolean>;
  if (!Native || marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  const doc = win.document;
  const connections = new Set<RTCPeerConnection>();
  /** The stream each remote track arrived in (its SDP msid). */
  const streamOf = new WeakMap<MediaStreamTrack, string>();
  /** Audio transceivers that have sent a track: one whose track was taken away still counts as
   *  a sender that sends nothing (muted). */
  const sentOnce = new WeakSet<RTCRtpTransceiver>();
  let container: HTMLElement | null = null;

  const ensureContainer = (): HTMLElement => {
    if (!container?.isConnected) {
      container = doc.createElement(HOOK_CONTAINER_TAG);
      container.hidden = true;
      doc.documentElement.append(container);
    }
    return container;
  };

  const expose = (track: MediaStreamTrack, streams: readonly MediaStream[]) => {
    if (track.kind !== 'audio') return;
    streamOf.set(track, streams[0]?.id ?? '');
    const box = ensureContainer();
    for (const old of box.querySelectorAll(`audio[${HOOK_STREAM_ATTR}]`)) {
      const held = ((old as HTMLMediaElement).srcObject as MediaStream | null)?.getAudioTracks()[0];
      if (!held || held.readyState === 'ended') old.remove(); // pc.close() ends tracks silently
    }
    const element = doc.createElement('audio');
    element.muted = true;
    element.autoplay = true;
    element.setAttribute(HOOK_STREAM_ATTR, streams[0]?.id ?? '');
    element.srcObject = new MediaStream([track]);
    box.append(element);
    void element.play().catch(() => {});
    track.addEventListener('ended', () => element.remove(), { once: true });
  };

  /** The sent tracks on elements of their own, exactly those live on a sender now. */
  const showSentTracks = (tracks: Map<string, MediaStreamTrack>) => {
    const shown = new Set<string>();
    const box = container?.isConnected ? container : tracks.size > 0 ? ensureContainer() : null;
    if (!box) return;
    for (const element of box.querySelectorAll<HTMLMediaElement>(`audio[${HOOK_SENT_ATTR}]`)) {
      const held = (element.srcObject as MediaStream | null)?.getAudioTracks()[0];
      if (!held || !tracks.has(held.id)) element.remove();
      else shown.add(held.id);
    }
    for (const [id, track] of tracks) {
      if (shown.has(id)) continue;
      const element = doc.createElement('audio');
      element.setAttribute(HOOK_SENT_ATTR, '');
      // Never played: a local track needs no element to flow into Web Audio.
      element.srcObject = new MediaStream([track]);
      box.append(element);
    }
  };

  // Every read of a receiver's sources is a synchronous hop to WebRTC's thread, the hook's whole
  // cost to the page (docs/people.md): the snapshot reuses any read as young as the sampler's
  // slowest cadence (so while the sampler runs, the call-state poll adds no read), a receiver's
  // CSRCs are read every time only while it carries some (a mix), else once a second, enough to
  // notice a mix begin, a receiver whose sources carry no voice is read less often, and the page's
  // lone stream once a second (ReadCadence; Chromium caches a read for the rest of the task only
  // partly: each receiver's read is a hop of its own).
  const lastRead = new WeakMap<RTCRtpReceiver, SourceRead>();
  const csrcCheck = new WeakMap<RTCRtpReceiver, { any: boolean; readAtMs: number }>();
  const readSources = (receiver: RTCRtpReceiver, atMs: number): SourceRead => {
    const checked = csrcCheck.get(receiver);
    const readCsrcs = !checked || checked.any || atMs - checked.readAtMs >= CSRC_RECHECK_MS;
    const csrcs = readCsrcs ? receiver.getContributingSources() : [];
    if (readCsrcs) csrcCheck.set(receiver, { any: csrcs.length > 0, readAtMs: atMs });
    const read = { atMs, ssrcs: receiver.getSynchronizationSources(), csrcs, mixer: csrcCheck.get(receiver)!.any };
    lastRead.set(receiver, read);
    return read;
  };

  const sources = (receiver: RTCRtpReceiver): RtcSourceFacts[] => {
    const atMs = Date.now();
    const recent = lastRead.get(receiver);
    const read = recent && atMs - recent.atMs <= LEVEL_LONE_READ_MS ? recent : readSources(receiver, atMs);
    const facts = (kind: 'ssrc' | 'csrc', entries: readonly RTCRtpContributingSource[]) =>
      entries.map((s) => ({ kind, source: s.source, ageMs: ageMs(s.timestamp, win), level: s.audioLevel ?? null }));
    return [...facts('ssrc', read.ssrcs), ...facts('csrc', read.csrcs)];
  };

  const snapshot = (): RtcSnapshot => {
    const sent = new Map<string, MediaStreamTrack>();
    const facts: RtcConnectionFacts[] = [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') {
        connections.delete(pc);
        continue;
      }
      const connection: RtcConnectionFacts = { state: pc.connectionState, receivers: [], senders: [] };
      for (const transceiver of pc.getTransceivers()) {
        if (transceiver.receiver.track.kind !== 'audio' || transceiver.currentDirection === 'stopped') continue;
        const track = transceiver.receiver.track;
        connection.receivers.push({
          trackId: track.id,
          streamId: streamOf.get(track) ?? '',
          live: track.readyState === 'live',
          // A transceiver that receives nothing has no sources: no hop for it.
          sources: receives(transceiver) ? sources(transceiver.receiver) : [],
        });
        const outgoing = transceiver.sender.track;
        if (outgoing) sentOnce.add(transceiver);
        if (!sentOnce.has(transceiver)) continue;
        connection.senders.push({
          trackId: outgoing?.id ?? null,
          enabled: outgoing?.enabled ?? false,
          live: outgoing?.readyState === 'live',
        });
        if (outgoing?.readyState === 'live' && pc.connectionState === 'connected') sent.set(outgoing.id, outgoing);
      }
      facts.push(connection);
    }
    showSentTracks(sent);
    return { connections: facts };
  };
  answerPolls(doc, snapshot);

  // Per-source levels, sampled only while someone reads them.
  let levelSamples: LevelSample[] = [];
  let levelSources = new Map<string, SourceInfo>();
  let sampler: ReturnType<typeof setInterval> | null = null;
  let lastTakenMs = 0;
  const cadence = new ReadCadence<RTCRtpReceiver>();
  const sampleLevels = () => {
    try {
      const atMs = Date.now();
      if (atMs - lastTakenMs > LEVEL_IDLE_MS) {
        clearInterval(sampler!);
        sampler = null;
        return;
      }
      const levels: Record<string, number> = {};
      const receiving: { receiver: RTCRtpReceiver; track: MediaStreamTrack }[] = [];
      for (const pc of connections) {
        if (pc.connectionState !== 'connected') continue;
        for (const transceiver of pc.getTransceivers()) {
          const { receiver } = transceiver;
          const { track } = receiver;
          if (receives(transceiver) && track.kind === 'audio' && track.readyState === 'live')
            receiving.push({ receiver, track });
        }
      }
      const lone = isLoneStream(receiving, ({ receiver }) => {
        const read = lastRead.get(receiver);
        return read && { csrcs: read.mixer, ssrcs: read.ssrcs.length };
      });
      for (const { receiver, track } of receiving) {
        if (!cadence.due(receiver, atMs, lone)) continue;
        let loudest = 0;
        const read = readSources(receiver, atMs);
        const take = (kind: 'ssrc' | 'csrc', entries: readonly RTCRtpContributingSource[]) => {
          for (const entry of entries) {
            if (entry.audioLevel === undefined || ageMs(entry.timestamp, win) > LEVEL_FRESH_MS) continue;
            const key = `${kind}:${entry.source}`;
            levels[key] = entry.audioLevel;
            loudest = Math.max(loudest, entry.audioLevel);
            const isMixer = kind === 'ssrc' && read.mixer;
            const seen = levelSources.get(key);
            if (!seen || seen.mixer !== isMixer)
              levelSources.set(key, {
                key,
                kind,
                trackId: track.id,
                streamId: streamOf.get(track) ?? '',
                mixer: isMixer,
              });
          }
        };
        take('ssrc', read.ssrcs);
        take('csrc', read.csrcs);
        cadence.read(receiver, atMs, loudest);
      }
      levelSamples.push(lone ? { atMs, levels, lone } : { atMs, levels });
      if (levelSamples.length > LEVEL_BUFFER_SAMPLES) levelSamples.shift();
    } catch {
      // Never let the coach break the meeting.
    }
  };
  answerLevelPolls(doc, (): LevelBatch => {
    lastTakenMs = Date.now();
    sampler ??= setInterval(sampleLevels, LEVEL_SAMPLE_MS);
    const batch = { sources: [...levelSources.values()], samples: levelSamples };
    levelSamples = [];
    levelSources = new Map();
    return batch;
  });

  // A Proxy keeps the constructor's identity for the page: prototype, statics, instanceof, name.
  const Hooked = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      try {
        connections.add(pc);
        pc.addEventListener('track', (event) => {
          try {
            expose(event.track, event.streams);
          } catch {
            // Never let the coach break the meeting.
          }
        });
      } catch {
        // Never let the coach break the meeting.
      }
      return pc;
    },
  });
  win.RTCPeerConnection = Hooked;
  const legacy = win as unknown as { webkitRTCPeerConnection?: unknown };
  if (legacy.webkitRTCPeerConnection) legacy.webkitRTCPeerConnection = Hooked;
}
