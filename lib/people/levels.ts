// Per-source audio levels as the MAIN-world RTC hook samples them (extension/capture/rtc-hook.ts):
// every remote audio receiver's synchronization sources (one per incoming RTP stream: a person
// through an SFU or a P2P peer, or a server's mix) and contributing sources (one per voice a mixer
// names in its packets, as Meet does), each with its RFC 6464 level. No audio, only these numbers.
import { VOICE_LEVEL } from '../call/webrtc';

/** One incoming source, as the hook saw it. */
export interface SourceInfo {
  /** `ssrc:<n>` or `csrc:<n>`: unique within the page's calls. */
  key: string;
  kind: 'ssrc' | 'csrc';
  /** The remote track and the stream (SDP msid) it arrives in: what a page's tile can be matched with. */
  trackId: string;
  streamId: string;
  /** An SSRC whose packets carry contributing sources: a server's mix, not a person. */
  mixer: boolean;
}

/** The levels of all sources at one moment: linear 0..1 (0 dBov = 1), sources with a fresh packet only. */
export interface LevelSample {
  atMs: number;
  levels: Record<string, number>;
  /** Taken while the page received a single remote audio stream that names no contributing
   *  sources: whatever the others channel carries then is that stream's (LEVEL_LONE_READ_MS). */
  lone?: boolean;
}

/** What the hook hands over a few times a second: the samples since the last batch. */
export interface LevelBatch {
  sources: SourceInfo[];
  samples: LevelSample[];
}

/** The hook samples this often (≥ 10 Hz, as the issue asks)… */
export const LEVEL_SAMPLE_MS = 100;
/** …keeps at most this many samples for a reader that has fallen behind… */
export const LEVEL_BUFFER_SAMPLES = 100;
/** …and stops sampling when nobody has read a batch for this long (no call being coached). */
export const LEVEL_IDLE_MS = 3000;
/** A source whose last packet is older than this is silent now (its level is not current). */
export const LEVEL_FRESH_MS = 500;
/** Each read of a receiver's sources blocks the page's main thread for a hop to WebRTC's thread
 *  (docs/people.md). A receiver none of whose sources has carried a voice for this long (a silent
 *  or muted person, a pause)… */
export const LEVEL_QUIET_AFTER_MS = 1500;
/** …is read only this often, enough to catch them starting to speak within a read or two (one can
 *  land between syllables; at 400 ms the unit test's syllable rhythm hid a whole turn). From the
 *  first voice on it is read every sample: a turn counts from up to this much after it began. */
export const LEVEL_QUIET_READ_MS = 300;
/** A lone stream (LevelSample.lone: a one-on-one, a server mix that names nobody) splits nothing,
 *  and the others channel already says when it carries a voice: it is read only this often, to
 *  keep its level known. A second stream, or contributing sources, end it at the next read. */
export const LEVEL_LONE_READ_MS = 1000;

/** What the hook's last read of a receiver's sources showed. */
export interface ReceiverSeen {
  /** It carried contributing sources (a mix that names its speakers). */
  csrcs: boolean;
  ssrcs: number;
}

/** Whether the page receives one lone stream: a single receiving audio stream, read before, that
 *  showed no contributing sources and at most one synchronisation source (a one-on-one, a server
 *  mix that names nobody). A stream never read is not lone yet: its first read says what it is. */
export function isLoneStream<Receiver>(
  receiving: readonly Receiver[],
  seen: (receiver: Receiver) => ReceiverSeen | undefined,
): boolean {
  if (receiving.length !== 1) return false;
  const last = seen(receiving[0]!);
  return last !== undefined && !last.csrcs && last.ssrcs <= 1;
}

/** When each receiver is due a read: at every sample while one of its sources carried a voice
 *  within LEVEL_QUIET_AFTER_MS, else every LEVEL_QUIET_READ_MS; every LEVEL_LONE_READ_MS while it is
 *  the page's lone stream. The hook's sampler keeps one, and so do the replays that measure it;
 *  keyed weakly, as receivers come and go with their connections. */
export class ReadCadence<Receiver extends object> {
  private readonly reads = new WeakMap<Receiver, { readAtMs: number; voiceAtMs: number | null }>();

  due(receiver: Receiver, atMs: number, lone = false): boolean {
    const last = this.reads.get(receiver);
    if (!last) return true;
    // Timers fire a little early or late: half a sample's slack keeps each cadence steady.
    const since = atMs - last.readAtMs + LEVEL_SAMPLE_MS / 2;
    if (lone) return since >= LEVEL_LONE_READ_MS;
    if (last.voiceAtMs !== null && atMs - last.voiceAtMs < LEVEL_QUIET_AFTER_MS) return true;
    return since >= LEVEL_QUIET_READ_MS;
  }

  /** `receiver` was read at `atMs`; `loudest` is the highest current level among its sources. */
  read(receiver: Receiver, atMs: number, loudest: number): void {
    const voiceAtMs = loudest >= VOICE_LEVEL ? atMs : (this.reads.get(receiver)?.voiceAtMs ?? null);
    this.reads.set(receiver, { readAtMs: atMs, voiceAtMs });
  }
}

/** Parses a batch the page sent (it can send anything): null when it is not one. */
export function parseLevelBatch(json: string): LevelBatch | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { sources, samples } = value as Partial<LevelBatch>;
  if (!Array.isArray(sources) || !Array.isArray(samples)) return null;
  const okSources = sources.filter(
    (s): s is SourceInfo =>
      typeof s?.key === 'string' &&
      (s.kind === 'ssrc' || s.kind === 'csrc') &&
      typeof s.trackId === 'string' &&
      typeof s.streamId === 'string' &&
      typeof s.mixer === 'boolean',
  );
  const okSamples = samples.filter(
    (s): s is LevelSample =>
      Number.isFinite(s?.atMs) &&
      (s.lone === undefined || typeof s.lone === 'boolean') &&
      typeof s.levels === 'object' &&
      s.levels !== null &&
      Object.values(s.levels).every((level) => Number.isFinite(level)),
  );
  return { sources: okSources, samples: okSamples };
}
