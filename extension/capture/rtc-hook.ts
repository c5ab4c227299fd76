// MAIN-world hook on RTCPeerConnection, installed at document_start: every remote audio track is
// attached to a hidden, muted <audio> element, which does two things the isolated content script
// cannot do alone. It makes tracks that no page element plays (Teams' mixed track) visible in the
// DOM, and it keeps each track flowing: Chromium delivers silence to Web Audio for a remote WebRTC
// track that no media element plays. The page's own behaviour is unchanged.
import { HOOK_CONTAINER_TAG, HOOK_STREAM_ATTR } from './remote-tracks';

const INSTALLED = Symbol.for('listening-coach.rtc-hook');

export function installRtcHook(win: Window & typeof globalThis): void {
  const Native = win.RTCPeerConnection;
  const marked = win as unknown as Record<symbol, boolean>;
  if (!Native || marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  const doc = win.document;
  let container: HTMLElement | null = null;

  const expose = (track: MediaStreamTrack, streams: readonly MediaStream[]) => {
    if (track.kind !== 'audio') return;
    if (!container?.isConnected) {
      container = doc.createElement(HOOK_CONTAINER_TAG);
      container.hidden = true;
      doc.documentElement.append(container);
    }
    for (const old of container.querySelectorAll('audio')) {
      const held = (old.srcObject as MediaStream | null)?.getAudioTracks()[0];
      if (!held || held.readyState === 'ended') old.remove(); // pc.close() ends tracks silently
    }
    const element = doc.createElement('audio');
    element.muted = true;
    element.autoplay = true;
    element.setAttribute(HOOK_STREAM_ATTR, streams[0]?.id ?? '');
    element.srcObject = new MediaStream([track]);
    container.append(element);
    void element.play().catch(() => {});
    track.addEventListener('ended', () => element.remove(), { once: true });
  };

  // A Proxy keeps the constructor's identity for the page: prototype, statics, instanceof, name.
  const Hooked = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      pc.addEventListener('track', (event) => {
        try {
          expose(event.track, event.streams);
        } catch {
          // Never let the coach break the meeting.
        }
      });
      return pc;
    },
  });
  win.RTCPeerConnection = Hooked;
  const legacy = win as unknown as { webkitRTCPeerConnection?: unknown };
  if (legacy.webkitRTCPeerConnection) legacy.webkitRTCPeerConnection = Hooked;
}
