// Route: the MAIN-world RTC hook (extension/capture/rtc-hook.ts) ⇄ the content script, through the
// page's DOM, the only thing the two worlds share.
// - Tracks: the hook attaches remote audio tracks to hidden, muted <audio> elements (HOOK_STREAM_ATTR
//   names the stream each arrived in) and the tracks the page sends to <audio> elements it never
//   plays (HOOK_SENT_ATTR), all in one hidden container; the content script reads their srcObject.
// - Facts: the content script dispatches HOOK_POLL_EVENT on the document; the hook answers at once,
//   inside that dispatch, with HOOK_SNAPSHOT_EVENT whose detail is the RtcSnapshot as JSON (events
//   leave no trace in the DOM, so no mutation observer of the page or ours wakes for them).
// - Levels: the content script dispatches HOOK_LEVELS_POLL_EVENT a few times a second during a
//   call; the hook answers inside that dispatch with HOOK_LEVELS_EVENT, the per-source levels it
//   sampled since the last answer (a LevelBatch as JSON), and keeps sampling only while asked.
// The page shares the DOM and can forge all of this: it can only misreport its own call, which it
// could do to any observer; it cannot reach the extension through it.
import type { RtcSnapshot } from '../../lib/call/webrtc';
import { parseLevelBatch, type LevelBatch } from '../../lib/people/levels';

/** The hidden container of the hook's elements. */
export const HOOK_CONTAINER_TAG = 'listening-coach-rtc';
/** On a remote-track element: the id of the stream the track arrived in. */
export const HOOK_STREAM_ATTR = 'data-listening-coach-stream';
/** On a sent-track element (my voice as the page sends it). */
export const HOOK_SENT_ATTR = 'data-listening-coach-sent';
export const HOOK_POLL_EVENT = 'listening-coach:rtc-poll';
const HOOK_SNAPSHOT_EVENT = 'listening-coach:rtc-snapshot';
export const HOOK_LEVELS_POLL_EVENT = 'listening-coach:rtc-levels-poll';
const HOOK_LEVELS_EVENT = 'listening-coach:rtc-levels';

/** Dispatches `poll` on `doc` and returns the string the hook answered with inside the dispatch. */
function ask(doc: Document, poll: string, answerEvent: string): string | null {
  let answer: string | null = null;
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail === 'string') answer = detail;
  };
  doc.addEventListener(answerEvent, listener);
  try {
    doc.dispatchEvent(new CustomEvent(poll));
  } finally {
    doc.removeEventListener(answerEvent, listener);
  }
  return answer;
}

/** Hook side: answers every `poll` on `doc` with `answer()` as JSON. */
function answer(doc: Document, poll: string, answerEvent: string, value: () => unknown): void {
  doc.addEventListener(poll, () => {
    let detail: string;
    try {
      detail = JSON.stringify(value());
    } catch {
      return; // never let the coach break the meeting
    }
    doc.dispatchEvent(new CustomEvent(answerEvent, { detail }));
  });
}

/** Content-script side: this page and its same-origin frames, where the hook can be reached (it
 *  runs in every frame; a cross-origin frame's is out of reach). */
export function hookDocuments(doc: Document): Document[] {
  const documents = [doc];
  for (const frame of doc.querySelectorAll('iframe')) {
    try {
      if (frame.contentDocument) documents.push(frame.contentDocument);
    } catch {
      // cross-origin
    }
  }
  return documents;
}

/** Content-script side: what the hook of `doc` knows now; null when no hook answers there. */
export function pollPageHook(doc: Document): RtcSnapshot | null {
  const reply = ask(doc, HOOK_POLL_EVENT, HOOK_SNAPSHOT_EVENT);
  if (reply === null) return null;
  try {
    const snapshot = JSON.parse(reply) as RtcSnapshot;
    return Array.isArray(snapshot?.connections) ? snapshot : null;
  } catch {
    return null;
  }
}

/** Content-script side: the per-source levels the hook of `doc` sampled since the last call (and
 *  the request to go on sampling); null when no hook answers there. */
export function takeLevels(doc: Document): LevelBatch | null {
  const reply = ask(doc, HOOK_LEVELS_POLL_EVENT, HOOK_LEVELS_EVENT);
  return reply === null ? null : parseLevelBatch(reply);
}

/** Content-script side: the sent tracks the hook of `doc` exposes, by track id. */
export function sentTracks(doc: Document): Map<string, MediaStreamTrack> {
  const tracks = new Map<string, MediaStreamTrack>();
  for (const element of doc.querySelectorAll<HTMLMediaElement>(`${HOOK_CONTAINER_TAG} audio[${HOOK_SENT_ATTR}]`)) {
    const stream = element.srcObject;
    if (!(stream instanceof MediaStream)) continue;
    for (const track of stream.getAudioTracks()) tracks.set(track.id, track);
  }
  return tracks;
}

/** Hook side: answers every poll on `doc` with `snapshot()`. */
export function answerPolls(doc: Document, snapshot: () => RtcSnapshot): void {
  answer(doc, HOOK_POLL_EVENT, HOOK_SNAPSHOT_EVENT, snapshot);
}

/** Hook side: answers every levels poll on `doc` with `take()`. */
export function answerLevelPolls(doc: Document, take: () => LevelBatch): void {
  answer(doc, HOOK_LEVELS_POLL_EVENT, HOOK_LEVELS_EVENT, take);
}
