// My mic, opened by the content script: getUserMedia there uses the meeting site's own permission,
// so a site that already has the mic adds no new prompt.
import { text, type Text } from '../../lib/coaching/text';

/**
 * How the coach's own capture processes the mic: not at all. Gain control and noise suppression
 * are off because the engine measures levels against its own noise floor and was tuned on such
 * audio (gain control lifts the floor between words and amplifies echo residue, noise suppression
 * clips onsets). Echo cancellation is off because Chromium's, which takes the page's playback of
 * the others as its reference, suppresses my voice while they talk: on a Janus call it hid 2.9 s of
 * my 4.7 s of speech in the call's first 10 s and put the talk share 8.8 pp below `analyze` on the
 * same audio (2.3 pp with it off; docs/capture.md, "My voice"). Overlaps are what the coach
 * measures; the engine's own echo model takes out the others' voices the speakers leak in.
 */
const OWN_PROCESSING = { echoCancellation: false, autoGainControl: false, noiseSuppression: false } as const;

/**
 * Whether the track the page sends can stand for my mic: only when it is processed as the coach's
 * own capture would be. Measured on the shared scenes (scripts/measure-sent-audio.ts,
 * docs/capture.md): a page's usual track (echo cancellation, gain control and noise suppression on)
 * cost the engine 0.994 → 0.929 in speech F1 for me and 0.1 → 3.2 pp in mean talk-share error, 19 pp
 * on a scene with echo in the mic; the coach then opens its own capture.
 */
export function sentTrackUsable(track: MediaStreamTrack): boolean {
  const settings = track.getSettings();
  return (
    track.readyState === 'live' &&
    settings.echoCancellation === false &&
    settings.autoGainControl === false &&
    settings.noiseSuppression === false
  );
}

/** On failure, what the person is told: a message of locales/en.yml, said where it is shown. */
export type MicResult = { ok: true; stream: MediaStream } | { ok: false; denied: boolean; message: Text };

/** The site may not use the mic (denied at the start or later): how to allow it. */
function micDenied(host: string): MicResult {
  return { ok: false, denied: true, message: text('status.micDenied', host) };
}

/** The site's mic permission as the page sees it; null where the Permissions API cannot tell. */
async function micPermission(): Promise<PermissionStatus | null> {
  try {
    return await navigator.permissions.query({ name: 'microphone' as PermissionName });
  } catch {
    return null;
  }
}

/**
 * Keeps the call's mic honest while the call runs, and tells `onChange` each time it must change:
 * - its track ends (device unplugged, the system took it): another device is tried at once, else
 *   the problem is reported and the coach measures the others alone;
 * - the site's permission is taken away (site settings, a policy; Chrome does not always end the
 *   open track then): the mic is given up, as the person asked, and "mic denied" is reported;
 * - a device appears, or the permission comes back, while there is none: it is opened again.
 * The caller owns the streams it is given (stops the old one, connects the new one). Returns the
 * function that stops supervising.
 */
export function superviseMic(host: string, initial: MicResult, onChange: (mic: MicResult) => void): () => void {
  let current = initial;
  let stopped = false;
  let reopening = false;
  let status: PermissionStatus | null = null;

  const adopt = (next: MicResult) => {
    if (stopped) {
      if (next.ok) stopStream(next.stream);
      return;
    }
    current = next;
    if (next.ok) watchTracks(next.stream);
    onChange(next);
  };
  const reopen = async () => {
    if (reopening || stopped) return;
    reopening = true;
    try {
      adopt(await openMic(host));
    } finally {
      reopening = false;
    }
  };
  const watchTracks = (stream: MediaStream) => {
    for (const track of stream.getAudioTracks()) {
      track.addEventListener(
        'ended',
        () => {
          if (current.ok && current.stream === stream) void reopen();
        },
        { once: true },
      );
    }
  };
  const onPermission = () => {
    if (status?.state === 'denied') adopt(micDenied(host));
    else if (status?.state === 'granted' && !current.ok) void reopen();
  };
  const onDevices = () => {
    if (!current.ok && !current.denied) void reopen();
  };

  if (initial.ok) watchTracks(initial.stream);
  navigator.mediaDevices?.addEventListener?.('devicechange', onDevices);
  void micPermission().then((found) => {
    if (stopped || !found) return;
    status = found;
    status.addEventListener('change', onPermission);
  });
  return () => {
    stopped = true;
    navigator.mediaDevices?.removeEventListener?.('devicechange', onDevices);
    status?.removeEventListener('change', onPermission);
  };
}

export async function openMic(host: string): Promise<MicResult> {
  // A site whose mic permission is blocked is not asked again, whatever the browser would answer.
  if ((await micPermission())?.state === 'denied') return micDenied(host);
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { ...OWN_PROCESSING } });
    return { ok: true, stream };
  } catch (error) {
    const name = (error as DOMException | undefined)?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') return micDenied(host);
    return { ok: false, denied: false, message: text('status.noMic') };
  }
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
