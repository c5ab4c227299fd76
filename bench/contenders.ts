// The detectors `npm run bench` compares: this project's engine (with its YAMNet speech gate and
// with the 10 ms detector alone) and the per-channel VADs a developer would pick instead.
import type { Analyzer } from '../cli/evaluate';
import { analyzeRecording, findModel } from '../cli/recording';
import { loadYamnet, type NodeClassifier } from '../cli/yamnet-node';
import { createEngine } from '../lib/engine/engine';
import { startPeerCall, type CallDetector, type ChannelVad } from './peers/peer-call';
import { newSileroChannel, SILERO_SETTINGS } from './peers/silero';
import { newWebrtcChannel, WEBRTC_MODE, type WebrtcMode } from './peers/webrtc-vad';

export const CONTENDERS = ['engine', 'engine-detector', 'silero', 'webrtc'] as const;
export type ContenderId = (typeof CONTENDERS)[number];
/** The engine's contenders: the one the targets are about comes first. */
export const ENGINE_CONTENDERS: readonly ContenderId[] = ['engine', 'engine-detector'];
export const PEER_CONTENDERS: readonly ContenderId[] = ['silero', 'webrtc'];

export interface Contender {
  label: string;
  settings: Record<string, unknown>;
  /** A whole recording at once, for the accuracy runs. */
  analyze: Analyzer;
  /** A call fed as it arrives, for the speed runs. */
  startCall(sampleRate: number): Promise<CallDetector>;
  close(): void;
}

export function contender(id: ContenderId): Contender {
  switch (id) {
    case 'engine':
      return engineContender(true);
    case 'engine-detector':
      return engineContender(false);
    case 'silero':
      return peerContender('Silero VAD v5 (vad-web)', SILERO_SETTINGS, newSileroChannel);
    case 'webrtc':
      return webrtcContender(WEBRTC_MODE);
  }
}

export function webrtcContender(mode: WebrtcMode): Contender {
  return peerContender(`WebRTC VAD (fvad, mode ${mode})`, { mode, frameMs: 10, sampleRate: 16000 }, () =>
    newWebrtcChannel(mode),
  );
}

function engineContender(withYamnet: boolean): Contender {
  const model = withYamnet ? findModel() : null;
  if (withYamnet && !model) throw new Error('bench: no YAMNet model (run `npm run setup`)');
  let yamnet: NodeClassifier | null = null;
  return {
    label: withYamnet ? 'Listening Coach (YAMNet gate)' : 'Listening Coach (detector only)',
    settings: { model },
    analyze: (rec) => analyzeRecording(rec, model),
    async startCall(sampleRate) {
      if (model) yamnet ??= await loadYamnet(model);
      return createEngine({ sampleRate, classifier: yamnet?.classify });
    },
    close: () => yamnet?.close(),
  };
}

function peerContender(
  label: string,
  settings: Record<string, unknown>,
  newChannel: () => Promise<ChannelVad>,
): Contender {
  const startCall = (sampleRate: number) => startPeerCall(newChannel, sampleRate);
  return {
    label,
    settings,
    async analyze(rec) {
      const call = await startCall(rec.sampleRate);
      await call.push(rec.self, rec.others);
      return call.finish();
    },
    startCall,
    close() {},
  };
}
