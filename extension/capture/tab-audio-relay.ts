// Tab audio travels from the offscreen document (which owns the tab-capture stream) to the meeting
// tab's extension frame over a BroadcastChannel named by a per-call secret, then through the frame's
// private port into the content script's capture worklet as the others channel. Runtime messaging
// would JSON-encode every sample; a BroadcastChannel between the two extension-origin documents
// clones them as binary.

export interface TabAudioMessage {
  /** Mono samples at TAB_AUDIO_SAMPLE_RATE. */
  samples: Float32Array;
}

export function tabAudioChannelName(secret: string): string {
  return `listening-coach/tab-audio/${secret}`;
}
