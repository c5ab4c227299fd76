// My mic, opened by the content script: getUserMedia there uses the meeting site's own permission,
// so a site that already has the mic adds no new prompt.

export type MicResult =
  | { ok: true; stream: MediaStream }
  | { ok: false; denied: boolean; message: string };

export async function openMic(host: string): Promise<MicResult> {
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
      return {
        ok: false,
        denied: true,
        message:
          `The coach cannot hear your microphone on ${host}. Allow it in the address bar ` +
          '(the site settings icon → Microphone → Allow), then reload the meeting tab.',
      };
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
