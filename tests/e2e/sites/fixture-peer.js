// The far end of a fixture call (fixture-peer.html): answers the meeting page's offer, sends the
// others' voices (WAVs, looping as the fake mic does) and takes in my mic. Messages from the page:
//   { type: 'prepare', voices }            the voices to send (URLs, one per stream), decoded ahead
//                                          so they start with the call
//   { type: 'offer', sdp, mixed }          → { type: 'answer', sdp } and, once playing, { type: 'playing', atMs }
//   { type: 'candidate', candidate }       ↔ the same back
//   { type: 'hangup' }
// Each voice goes out on a track and stream of its own (its own SSRC), in the order given: one
// stream for all the others, or one per person as an SFU sends them. All start at the same moment,
// so the WAVs share one timeline.
// mixed: the (single) voice goes out twice, in streams named like Teams' server mix ("mainAudio…")
// and a redundant copy, to prove the coach counts them once.
(() => {
  const audio = new AudioContext();
  let call = null;
  let voiceBuffers = Promise.resolve([]);
  const send = (message) => window.parent.postMessage(message, '*');

  async function answer({ sdp, mixed }) {
    hangup();
    const pc = new RTCPeerConnection();
    call = { pc, sources: [], playing: false };
    pc.onicecandidate = (e) => e.candidate && send({ type: 'candidate', candidate: e.candidate.toJSON() });
    const tracks = (await voiceBuffers).map((buffer) => {
      const source = new AudioBufferSourceNode(audio, { buffer, loop: true });
      const destination = new MediaStreamAudioDestinationNode(audio, { channelCount: 1 });
      source.connect(destination);
      call.sources.push(source);
      return destination.stream.getAudioTracks()[0];
    });
    await pc.setRemoteDescription({ type: 'offer', sdp });
    // In the offer's order: the first on the m-line of my mic, the others on the page's receive-only ones.
    for (const track of tracks) pc.addTrack(track, new MediaStream([track]));
    if (mixed && tracks.length === 1) {
      const copy = tracks[0].clone();
      pc.addTrack(copy, new MediaStream([copy]));
    }
    const reply = await pc.createAnswer();
    await pc.setLocalDescription(reply);
    let answerSdp = reply.sdp;
    if (mixed && tracks.length === 1) {
      // The first stream is the main one: the page sees it as the server mix.
      const main = [...answerSdp.matchAll(/a=msid:(\S+) /g)][0]?.[1];
      if (main) answerSdp = answerSdp.replaceAll(`msid:${main} `, `msid:mainAudio-${main.slice(0, 8)} `);
    }
    send({ type: 'answer', sdp: answerSdp });
    await audio.resume();
    // The voices start when the call is connected, as people start talking once they hear each other.
    const started = call;
    const start = () => {
      if (pc.connectionState !== 'connected' || started.sources.length === 0 || started.playing) return;
      started.playing = true;
      // Started in one task, they start on the same render quantum.
      for (const source of started.sources) source.start();
      send({ type: 'playing', atMs: Date.now() });
    };
    pc.addEventListener('connectionstatechange', start);
    start();
  }

  function hangup() {
    if (call?.playing) for (const source of call.sources) source.stop();
    call?.pc.close();
    call = null;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message?.type === 'prepare' && Array.isArray(message.voices)) {
      voiceBuffers = Promise.all(
        message.voices.map((url) =>
          fetch(url)
            .then((r) => r.arrayBuffer())
            .then((bytes) => audio.decodeAudioData(bytes)),
        ),
      );
    } else if (message?.type === 'offer') void answer(message);
    else if (message?.type === 'candidate') void call?.pc.addIceCandidate(message.candidate).catch(() => {});
    else if (message?.type === 'hangup') hangup();
  });
  send({ type: 'ready' });
})();
