// Which remote audio tracks make up "everyone I hear". Sources: the page's own media elements
// (Meet, Jitsi, Whereby play remote streams in <audio>/<video>) and the hidden elements the MAIN-world
// RTC hook (rtc-hook.ts) attaches for tracks no element plays (Teams). Every distinct track is mixed
// once; when a server-side mix is present, only the mix counts (../shared/docs/sites.md, "Audio").
import { HOOK_SENT_ATTR, HOOK_STREAM_ATTR } from '../channels/page-hook';

/** Teams' server-side mix of all speakers arrives in a stream whose id contains "mainAudio";
 *  the per-person tracks and a redundant copy repeat what it carries (sites.md, V7/A4). */
const MIXED_STREAM_ID = /mainaudio/i;

/** A stream that carries Teams' server mix. */
export function isServerMixStream(streamId: string): boolean {
  return MIXED_STREAM_ID.test(streamId);
}

export interface RemoteTrackCandidate<T extends { id: string } = MediaStreamTrack> {
  track: T;
  streamId: string;
}

/**
 * The tracks to mix: distinct by track id, none of my own, and only the server-side mixes when any
 * is present (mixing it with the per-person tracks would count every voice twice).
 */
export function chooseRemoteTracks<T extends { id: string }>(
  candidates: readonly RemoteTrackCandidate<T>[],
  ownTrackIds: ReadonlySet<string>,
): T[] {
  // By the track itself, not its id: an SFU may give every subscription the same track id (Janus
  // VideoRoom names each subscriber connection's audio alike), yet each is another person.
  const distinct = new Map<T, RemoteTrackCandidate<T>>();
  for (const candidate of candidates) {
    if (ownTrackIds.has(candidate.track.id)) continue;
    const seen = distinct.get(candidate.track);
    // The same track seen in a page element and a hook element: keep the hook's stream id, which is
    // the one it arrived in (a page element may hold a stream the page assembled itself).
    if (!seen || (!isServerMixStream(seen.streamId) && isServerMixStream(candidate.streamId))) {
      distinct.set(candidate.track, candidate);
    }
  }
  const all = [...distinct.values()];
  const mixed = all.filter((c) => isServerMixStream(c.streamId));
  return (mixed.length > 0 ? mixed : all).map((c) => c.track);
}

/** Live remote audio tracks held by media elements in `doc` and its same-origin frames. */
export function collectRemoteAudio(doc: Document): RemoteTrackCandidate[] {
  const out: RemoteTrackCandidate[] = [];
  for (const element of doc.querySelectorAll<HTMLMediaElement>('audio, video')) {
    const stream = element.srcObject;
    // The hook's copies of what the page sends are mine, whatever their source.
    if (!(stream instanceof MediaStream) || element.hasAttribute(HOOK_SENT_ATTR)) continue;
    const streamId = element.getAttribute(HOOK_STREAM_ATTR) ?? stream.id;
    for (const track of stream.getAudioTracks()) {
      if (track.readyState === 'live' && !isLocalCapture(track)) out.push({ track, streamId });
    }
  }
  for (const frame of doc.querySelectorAll('iframe')) {
    let inner: Document | null = null;
    try {
      inner = frame.contentDocument; // null or throws for cross-origin frames
    } catch {
      inner = null;
    }
    if (inner) out.push(...collectRemoteAudio(inner));
  }
  return out;
}

/** A mic or other capture device (a self-view <video> may carry my own mic). Chromium reports a
 *  remote WebRTC track's own id as its deviceId; a captured track names its device. */
function isLocalCapture(track: MediaStreamTrack): boolean {
  const { deviceId } = track.getSettings();
  return !!deviceId && deviceId !== track.id;
}
