// The call behind a fixture meeting page (tests/e2e/sites/<site>.html, driven by fixture-site.js):
// on join it opens my mic as a meeting site does, and plays everyone else's voices over a real
// RTCPeerConnection loopback, the way remote audio reaches a real meeting page. Options come from
// the page's query string, set by the test:
//   others=URL         a WAV of the remote side (same origin); without it nobody else speaks
//   remote=element     play remote audio in an <audio> element of the page (default; reuses an empty
//                      <audio> of the page's pool when there is one, as Meet's)
//   remote=detached    play it in an element that is not in the document (Teams: only the RTC hook
//                      can find it)
//   mixed=1            name the remote stream like Teams' server mix ("mainAudio…") and send a
//                      redundant copy of it in a second stream, to prove it is counted once
// Times (Date.now(), ms) are kept in window.fixtureCall.timing so a test can line the fixture's
// audio up with what the extension analysed.
(() => {
  const params = new URLSearchParams(location.search);
  const othersUrl = params.get('others');
  const remoteMode = params.get('remote') ?? 'element';
  const mixed = params.get('mixed') === '1';

  const audio = new AudioContext();
  // Decoded ahead of the join, so the remote voices start the moment the mic does.
  const othersBuffer = othersUrl
    ? fetch(othersUrl).then((r) => r.arrayBuffer()).then((bytes) => audio.decodeAudioData(bytes))
    : Promise.resolve(null);

  const timing = { micOpenedAtMs: null, remoteStartedAtMs: null, leftAtMs: null };
  let call = null;

  /** Teams-style stream ids: the receiver sees the server mix as "mainAudio…". */
  function renameStreams(sdp, mainStreamId) {
    return sdp.replaceAll(`msid:${mainStreamId} `, `msid:mainAudio-${mainStreamId.slice(0, 8)} `);
  }

  async function connectLoopback(track) {
    const sender = new RTCPeerConnection();
    const receiver = new RTCPeerConnection();
    sender.onicecandidate = (e) => e.candidate && receiver.addIceCandidate(e.candidate);
    receiver.onicecandidate = (e) => e.candidate && sender.addIceCandidate(e.candidate);
    const main = new MediaStream([track]);
    sender.addTrack(track, main);
    if (mixed) {
      const copy = track.clone();
      sender.addTrack(copy, new MediaStream([copy]));
    }
    // The first track is the main one (with mixed=1 the redundant copy follows).
    const firstStream = new Promise((resolve) => {
      receiver.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track]));
    });
    const offer = await sender.createOffer();
    await sender.setLocalDescription(offer);
    const remoteOffer = mixed ? { type: 'offer', sdp: renameStreams(offer.sdp, main.id) } : offer;
    await receiver.setRemoteDescription(remoteOffer);
    const answer = await receiver.createAnswer();
    await receiver.setLocalDescription(answer);
    await sender.setRemoteDescription(answer);
    return { sender, receiver, stream: await firstStream };
  }

  function playRemote(stream) {
    if (remoteMode === 'none') return null;
    const pooled = remoteMode === 'element' ? [...document.querySelectorAll('audio')].find((a) => !a.srcObject && !a.src) : null;
    const element = pooled ?? document.createElement('audio');
    element.autoplay = true;
    element.srcObject = stream;
    if (!pooled && remoteMode === 'element') document.body.append(element);
    void element.play().catch(() => {});
    return { element, created: !pooled };
  }

  async function onJoin() {
    if (call) return;
    call = {};
    await audio.resume();
    // A person may join without a mic (permission denied): they still hear the others.
    call.mic = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => null);
    timing.micOpenedAtMs = Date.now();
    const buffer = await othersBuffer;
    if (!buffer || !call) return;
    const source = new AudioBufferSourceNode(audio, { buffer, loop: true }); // the fake mic loops too
    const destination = new MediaStreamAudioDestinationNode(audio, { channelCount: 1 });
    source.connect(destination);
    const loop = await connectLoopback(destination.stream.getAudioTracks()[0]);
    call.loop = loop;
    call.source = source;
    call.playing = playRemote(loop.stream);
    source.start();
    timing.remoteStartedAtMs = Date.now();
  }

  function onLeave() {
    if (!call) return;
    call.source?.stop();
    call.loop?.sender.close();
    call.loop?.receiver.close();
    if (call.playing) {
      call.playing.element.srcObject = null;
      if (call.playing.created) call.playing.element.remove();
    }
    for (const track of call.mic?.getTracks() ?? []) track.stop();
    call = null;
    timing.leftAtMs = Date.now();
  }

  function onMute(muted) {
    for (const track of call?.mic?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Average delay the receiver's jitter buffer adds to the remote voices, in ms. */
  async function remoteJitterBufferMs() {
    const stats = await call?.loop?.receiver.getStats();
    for (const report of stats?.values() ?? []) {
      if (report.type === 'inbound-rtp' && report.kind === 'audio' && report.jitterBufferEmittedCount > 0) {
        return (1000 * report.jitterBufferDelay) / report.jitterBufferEmittedCount;
      }
    }
    return null;
  }

  window.fixtureCall = { onJoin, onLeave, onMute, timing, remoteJitterBufferMs };
})();
