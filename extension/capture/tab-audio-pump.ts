// Offscreen side of tab capture: consumes the tab's audio stream, plays it back (capturing a tab
// silences it otherwise), and publishes it as mono chunks at the capture rate on the call's
// BroadcastChannel for the meeting tab's extension frame to relay (extension/channels/offscreen-frame.ts).
import { CaptureGraph } from './audio-graph';
import { stopStream } from './mic';
import type { TabAudioMessage } from '../channels/offscreen-frame';

export class TabAudioPump {
  private constructor(
    private readonly stream: MediaStream,
    private readonly playback: AudioContext,
    private readonly graph: CaptureGraph,
    private readonly channel: BroadcastChannel,
  ) {}

  /** `stream` is the tab's (getUserMedia with a tab-capture stream id) or, in tests, any stream. */
  static async start(stream: MediaStream, channelName: string): Promise<TabAudioPump> {
    // Playback at the device's own rate: the person keeps hearing the meeting at full quality.
    const playback = new AudioContext();
    new MediaStreamAudioSourceNode(playback, { mediaStream: stream }).connect(playback.destination);
    const channel = new BroadcastChannel(channelName);
    const graph = await CaptureGraph.create(({ others }) => {
      if (others) channel.postMessage({ samples: others } satisfies TabAudioMessage);
    });
    graph.setOthers(stream.getAudioTracks());
    return new TabAudioPump(stream, playback, graph, channel);
  }

  async stop(): Promise<void> {
    this.channel.close();
    stopStream(this.stream);
    await Promise.all([this.graph.close(), this.playback.close()]);
  }
}

/** The tab's audio for a stream id from chrome.tabCapture.getMediaStreamId. */
export function openTabStream(streamId: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    // Chrome's legacy constraint form is the only way to name a tab-capture source.
    audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: streamId } } as MediaTrackConstraints,
    video: false,
  });
}
