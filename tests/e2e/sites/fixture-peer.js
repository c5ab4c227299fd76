// The far end of a fixture call (fixture-peer.html): answers the meeting page's offer, sends the
// others' voices (a WAV, looping as the fake mic does) and takes in my mic. Messages from the page:
//   { type: 'prepare', others }            the voices to send, decoded ahead so they start with the call
//   { type: 'offer', sdp, mixed }          → { type: 'answer', sdp } and, once playing, { type: 'playing', atMs }
//   { type: 'candidate', candidate }       ↔ the same back
//   { type: 'hangup' }
// mixed: the voices go out twice, in streams named like Teams' server mix ("mainAudio…") and a
// redundant copy, to prove the coach counts them once.
(() => {
  const audio = new AudioContext();
  let call = null;
  let othersBuffer = Promise.resolve(null);
  const send = (message) => window.parent.postMessage(message, '*');

  async function answer({ sdp, mixed }) {
    hangup();
    const pc = new RTCPeerConnection();
    call = { pc, source: null, playing: false };
    pc.onicecandidate = (e) => e.candidate && send({ type: 'candidate', candidate: e.candidate.toJSON() });
    let voices = null;
    const buffer = await othersBuffer;
    if (buffer) {
      const source = new AudioBufferSourceNode(audio, { buffer, loop: true });
      const destination = new MediaStreamAudioDestinationNode(audio, { channelCount: 1 });
      source.connect(destination);
      call.source = source;
      voices = destination.stream.getAudioTracks()[0];
    }
    await pc.setRemoteDescription({ type: 'offer', sdp });
    if (voices) {
      pc.addTrack(voices, new MediaStream([voices]));
      if (mixed) {
        const copy = voices.clone();
        pc.addTrack(copy, new MediaStream([copy]));
      }
    }
    const reply = await pc.createAnswer();
    await pc.setLocalDescription(reply);
    let answerSdp = reply.sdp;
    if (mixed && voices) {
      // The first stream is the main one: the page sees it as the server mix.
      const main = [...answerSdp.matchAll(/a=msid:(\S+) /g)][0]?.[1];
      if (main) answerSdp = answerSdp.replaceAll(`msid:${main} `, `msid:mainAudio-${main.slice(0, 8)} `);
    }
    send({ type: 'answer', sdp: answerSdp });
    await audio.resume();
    // The voices start when the call is connected, as people start talking once they hear each other.
    const started = call;
    const start = () => {
      if (pc.connectionState !== 'connected' || !started.source || started.playing) return;
      started.playing = true;
      started.source.start();
      send({ type: 'playing', atMs: Date.now() });
    };
    pc.addEventListener('connectionstatechange', start);
    start();
  }

  function hangup() {
    if (call?.playing) call.source.stop();
    call?.pc.close();
    call = null;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message?.type === 'prepare' && message.others) {
      othersBuffer = fetch(message.others)
        .then((r) => r.arrayBuffer())
        .then((bytes) => audio.decodeAudioData(bytes));
    } else if (message?.type === 'offer') void answer(message);
    else if (message?.type === 'candidate') void call?.pc.addIceCandidate(message.candidate).catch(() => {});
    else if (message?.type === 'hangup') hangup();
  });
  send({ type: 'ready' });
})();
