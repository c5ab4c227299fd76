// My mic, opened by the content script: getUserMedia there uses the meeting site's own permission,
// so a site that already has the mic adds no new prompt.

export type MicResult =
  | { ok: true; stream: MediaStream }
  | { ok: false; denied: boolean; message: string };

/** What the person is told when the site may not use the mic (denied at the start or later). */
export function micDeniedMessage(host: string): string {
  return (
    `The coach cannot hear your microphone on ${host}. Allow it in the address bar ` +
    '(the site settings icon → Microphone → Allow), then reload the meeting tab.'
  );
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
 * Calls `onDenied` when the site's mic permission is taken away during the call (site settings, or
 * an enterprise policy). Chrome does not always end the open tracks then; the coach must not go on
 * listening to a mic the person has just blocked. Returns the function that stops watching.
 */
export function watchMicPermission(onDenied: () => void): () => void {
  let status: PermissionStatus | null = null;
  let stopped = false;
  const onChange = () => {
    if (status?.state === 'denied') onDenied();
  };
  void micPermission().then((found) => {
    if (stopped || !found) return;
    status = found;
    status.addEventListener('change', onChange);
  });
  return () => {
    stopped = true;
    status?.removeEventListener('change', onChange);
  };
}

export async function openMic(host: string): Promise<MicResult> {
  // A site whose mic permission is blocked is not asked again, whatever the browser would answer.
  if ((await micPermission())?.state === 'denied') return { ok: false, denied: true, message: micDeniedMessage(host) };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        // The remote voices the speakers play must not read as my speech.
        echoCancellation: true,
        // Off: the engine measures levels against its own noise floor and was tuned on raw audio;
        // gain control would lift the floor between words and noise suppression clips onsets.
        autoGainControl: false,
        noiseSuppression: false,
      },
    });
    return { ok: true, stream };
  } catch (error) {
    const name = (error as DOMException | undefined)?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return { ok: false, denied: true, message: micDeniedMessage(host) };
    }
    return {
      ok: false,
      denied: false,
      message: 'No microphone found: the coach measures only the others until one is connected.',
    };
  }
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
