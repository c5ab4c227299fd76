// Route: the offscreen document (which owns a tab-capture stream) → the meeting tab's extension
// frame, over a BroadcastChannel named by a per-call secret; the frame relays the samples to the
// content script (content-frame.ts), which feeds them to the capture worklet as the others channel.
// Runtime messaging would JSON-encode every sample; a BroadcastChannel between two extension-origin
// documents clones them as binary.

export interface TabAudioMessage {
  /** Mono samples at the capture rate. */
  samples: Float32Array;
}

export function tabAudioChannelName(secret: string): string {
  return `listening-coach/tab-audio/${secret}`;
}
