// Messages between the content script, the extension frame it embeds in the meeting page
// (entrypoints/classifier/) and the speech-model worker inside that frame. The content script cannot
// start an extension Worker itself (SecurityError) nor run MediaPipe (its loader adds a <script> tag
// that would run in the page's world), so the model lives in this extension-origin frame.

/** window.postMessage type with which the content script hands the frame its private port. */
export const CONNECT_FRAME = 'listening-coach/connect';

export type SpeechWorkerRequest = { type: 'classify'; id: number; samples: Float32Array; sampleRate: number };

/** Frame → worker: a port on which the capture worklet asks for verdicts itself (SpeechWorkerRequest
 *  in, SpeechWorkerReply out), so a call's classifications never touch a main thread. */
export type SpeechWorkerCommand = SpeechWorkerRequest | { type: 'port'; port: MessagePort };

export type SpeechWorkerReply =
  /** `model: false` when the model file is absent or failed to load: the engine runs without it. */
  | { type: 'ready'; model: boolean; error?: string }
  | { type: 'score'; id: number; score: number };

export type FrameRequest =
  | SpeechWorkerRequest
  /** Hand this port to the worker (the other end goes to the capture worklet). */
  | { type: 'classifier-port'; port: MessagePort }
  /** Relay tab audio published by the offscreen document on this BroadcastChannel (null = stop). */
  | { type: 'relay-tab-audio'; channel: string | null }
  /** Start the speech recogniser's worker if needed and hand it this port (extension/words/). */
  | { type: 'words-port'; port: MessagePort }
  /** The call with words is over: stop the recogniser's worker (its model leaves memory). */
  | { type: 'words-stop' };

export type FrameReply = SpeechWorkerReply | { type: 'tab-audio'; samples: Float32Array };
