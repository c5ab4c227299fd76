// The call behind a fixture meeting page (tests/e2e/sites/<site>.html, driven by fixture-site.js),
// the way a meeting page runs one: on join it opens my mic and sends it over a real
// RTCPeerConnection to the meeting's far end (fixture-peer.html, in a frame of another origin: the
// servers and the other people), which sends everyone else's voices back. Options come from the
// page's query string, set by the test:
//   others=URL         a WAV of the remote side (fixture server); without it nobody else speaks
//   remote=element     play remote audio in an <audio> element of the page (default; reuses an empty
//                      <audio> of the page's pool when there is one, as Meet's)
//   remote=detached    play it in an element that is not in the document (Teams: only the RTC hook
//                      can find it)
//   remote=none        no remote audio at all (the call has no connection: a call alone)
//   mixed=1            the far end names the remote stream like Teams' server mix ("mainAudio…") and
//                      sends a redundant copy of it in a second stream, to prove it is counted once
//   mic=raw            open the mic with no processing at all (else as a meeting
//                      page does: getUserMedia({audio: true}))
// Mute disables the sent track (what the others hear stops), as most meeting pages do.
// Times (Date.now(), ms) are kept in window.fixtureCall.timing so a test can line the fixture's
// audio up with what the extension analysed.
(() => {
  const params = new URLSearchParams(location.search);
  const othersPath = params.get('others');
  const remoteMode = params.get('remote') ?? 'element';
  const mixed = params.get('mixed') === '1';
  const rawMic = params.get('mic') === 'raw';
  /** The far end's origin: a host the coach's scripts do not match, served by the same fixture server. */
  const PEER_ORIGIN = `https://peer.listening-coach.test${location.port ? `:${location.port}` : ''}`;

  const timing = { micOpenedAtMs: null, remoteStartedAtMs: null, leftAtMs: null };
  let call = null;

  // The far end's frame is there before the join, as a meeting's signalling connection would be.
  const peerFrame = document.createElement('iframe');
  peerFrame.src = `${PEER_ORIGIN}/fixture-peer.html`;
  peerFrame.style.display = 'none';
  // Its AudioContext starts with the join click, as the page's own does.
  peerFrame.allow = 'autoplay';
  peerFrame.setAttribute('aria-hidden', 'true');
  const peerReady = new Promise((resolve) => {
    window.addEventListener('message', function ready(event) {
      if (event.origin !== PEER_ORIGIN || event.data?.type !== 'ready') return;
      window.removeEventListener('message', ready);
      // Decoded ahead of the join, so the remote voices start the moment the call connects.
      toPeer({ type: 'prepare', others: othersPath ? `${PEER_ORIGIN}${othersPath}` : null });
      resolve();
    });
  });
  document.documentElement.append(peerFrame);
  const toPeer = (message) => peerFrame.contentWindow.postMessage(message, PEER_ORIGIN);

  window.addEventListener('message', (event) => {
    if (event.origin !== PEER_ORIGIN || !call?.pc) return;
    const message = event.data;
    if (message?.type === 'answer') void call.pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
    else if (message?.type === 'candidate') void call.pc.addIceCandidate(message.candidate).catch(() => {});
    else if (message?.type === 'playing') timing.remoteStartedAtMs = message.atMs;
  });

  function playRemote(stream) {
    const pooled =
      remoteMode === 'element' ? [...document.querySelectorAll('audio')].find((a) => !a.srcObject && !a.src) : null;
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
    // A person may join without a mic (permission denied): they still hear the others.
    const constraints = rawMic
      ? { audio: { echoCancellation: false, autoGainControl: false, noiseSuppression: false } }
      : { audio: true };
    call.mic = await navigator.mediaDevices.getUserMedia(constraints).catch(() => null);
    timing.micOpenedAtMs = Date.now();
    if (remoteMode === 'none' || !call) return;
    await peerReady;
    const pc = new RTCPeerConnection();
    call.pc = pc;
    pc.onicecandidate = (e) => e.candidate && toPeer({ type: 'candidate', candidate: e.candidate.toJSON() });
    const micTrack = call.mic?.getAudioTracks()[0];
    if (micTrack) pc.addTrack(micTrack, call.mic);
    else pc.addTransceiver('audio', { direction: 'recvonly' });
    if (mixed) pc.addTransceiver('audio', { direction: 'recvonly' }); // the redundant copy's place
    let first = true;
    pc.ontrack = (e) => {
      // The first track is the main one (with mixed=1 the redundant copy follows).
      if (!first) return;
      first = false;
      call.playing = playRemote(e.streams[0] ?? new MediaStream([e.track]));
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    toPeer({ type: 'offer', sdp: offer.sdp, mixed });
  }

  function onLeave() {
    if (!call) return;
    toPeer({ type: 'hangup' });
    call.pc?.close();
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
    const stats = await call?.pc?.getStats();
    for (const report of stats?.values() ?? []) {
      if (report.type === 'inbound-rtp' && report.kind === 'audio' && report.jitterBufferEmittedCount > 0) {
        return (1000 * report.jitterBufferDelay) / report.jitterBufferEmittedCount;
      }
    }
    return null;
  }

  window.fixtureCall = { onJoin, onLeave, onMute, timing, remoteJitterBufferMs };
})();
