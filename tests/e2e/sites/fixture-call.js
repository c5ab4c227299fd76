// The call behind a fixture meeting page (tests/e2e/sites/<site>.html, driven by fixture-site.js),
// the way a meeting page runs one: on join it opens my mic and sends it over a real
// RTCPeerConnection to the meeting's far end (fixture-peer.html, in a frame of another origin: the
// servers and the other people), which sends everyone else's voices back. Options come from the
// page's query string, set by the test:
//   others=URL         a WAV of the remote side (fixture server), on one stream; without it (or
//                      people=) nobody else speaks
//   people=URL,URL,…   instead: one WAV per remote person, each sent on a track and stream of its
//                      own (its own SSRC, as an SFU such as Jitsi's bridge sends them) and played
//                      in an element of its own. The n-th is the page's n-th remote tile, and the
//                      page marks who speaks from their levels (dominant speaker, below)
//   remote=element     play remote audio in an <audio> element of the page (default; reuses an empty
//                      <audio> of the page's pool when there is one, as Meet's)
//   remote=detached    play it in an element that is not in the document (Teams: only the RTC hook
//                      can find it)
//   remote=none        no remote audio at all (the call has no connection: a call alone)
//   mixed=1            the far end names the remote stream like Teams' server mix ("mainAudio…") and
//                      sends a redundant copy of it in a second stream, to prove it is counted once
//   mic=raw            open the mic with no processing at all (else as a meeting
//                      page does: getUserMedia({audio: true}))
// Where each person has a stream of their own (people=), the page marks the dominant speaker's tile
// as Jitsi does (its bridge names the dominant speaker): from the RFC 6464 levels each person's
// packets carry, which the bridge reads and the page reads too as they arrive
// (getSynchronizationSources), the loudest voice takes the mark once it has been the loudest for a
// moment, and keeps it through silence until another voice takes it.
// Mute disables the sent track (what the others hear stops), as most meeting pages do.
// Times (Date.now(), ms) are kept in window.fixtureCall.timing so a test can line the fixture's
// audio up with what the extension analysed.
(() => {
  const params = new URLSearchParams(location.search);
  const othersPath = params.get('others');
  const peoplePaths = params.get('people')?.split(',').filter(Boolean) ?? [];
  /** The far end's streams of remote voices, in order. */
  const voicePaths = peoplePaths.length > 0 ? peoplePaths : othersPath ? [othersPath] : [];
  const remoteMode = params.get('remote') ?? 'element';
  const mixed = params.get('mixed') === '1';
  const rawMic = params.get('mic') === 'raw';
  /** The far end's origin: a host the coach's scripts do not match, served by the same fixture server. */
  const PEER_ORIGIN = `https://peer.listening-coach.test${location.port ? `:${location.port}` : ''}`;

  /** The dominant speaker: levels read this often, each person's activity decaying between reads so
   *  the dips between syllables do not count as silence; a voice (−40 dBov and up) that stays the
   *  most active this long takes the mark. With a 1 s hold the mark followed a new speaker
   *  1.3–1.9 s late in the e2e run (a bridge's decision and its message to the page take time
   *  too); the coach must name people in spite of it. */
  const DOMINANT_SPEAKER = { everyMs: 100, decay: 0.85, voiceLevel: 0.01, holdMs: 1000 };

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
      toPeer({ type: 'prepare', voices: voicePaths.map((path) => `${PEER_ORIGIN}${path}`) });
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
    // A place for every other stream the far end sends: each person after the first, or the
    // redundant copy of mixed=1.
    const streams = Math.max(1, voicePaths.length);
    for (let i = 1; i < streams + (mixed ? 1 : 0); i++) pc.addTransceiver('audio', { direction: 'recvonly' });
    call.remote = [];
    pc.ontrack = (e) => {
      // The far end fills the transceivers in order: the n-th is its n-th voice (with mixed=1 the
      // redundant copy comes last, and is not played).
      const index = pc.getTransceivers().indexOf(e.transceiver);
      if (index < 0 || index >= streams) return;
      call.remote[index] = { ...playRemote(e.streams[0] ?? new MediaStream([e.track])), receiver: e.receiver };
    };
    if (peoplePaths.length > 0) followDominantSpeaker(pc);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    toPeer({ type: 'offer', sdp: offer.sdp, mixed });
  }

  function followDominantSpeaker(pc) {
    const activity = [];
    let dominant = null;
    let candidate = null;
    const timer = setInterval(() => {
      if (call?.pc !== pc) return clearInterval(timer);
      let loudest = null;
      for (const [index, remote] of call.remote.entries()) {
        if (!remote) continue;
        const level = Math.max(0, ...remote.receiver.getSynchronizationSources().map((s) => s.audioLevel ?? 0));
        activity[index] = Math.max(level, (activity[index] ?? 0) * DOMINANT_SPEAKER.decay);
        if (activity[index] >= DOMINANT_SPEAKER.voiceLevel && activity[index] > (loudest?.activity ?? 0)) {
          loudest = { index, activity: activity[index] };
        }
      }
      if (!loudest) return;
      const now = Date.now();
      if (loudest.index === dominant) candidate = null;
      else if (candidate?.index !== loudest.index) candidate = { index: loudest.index, sinceMs: now };
      if (!candidate || now - candidate.sinceMs < DOMINANT_SPEAKER.holdMs) return;
      dominant = candidate.index;
      candidate = null;
      window.fixture?.setSpeakers([window.fixture.remoteNames[dominant]]);
    }, DOMINANT_SPEAKER.everyMs);
  }

  function onLeave() {
    if (!call) return;
    toPeer({ type: 'hangup' });
    call.pc?.close();
    for (const playing of call.remote ?? []) {
      if (!playing) continue;
      playing.element.srcObject = null;
      if (playing.created) playing.element.remove();
    }
    for (const track of call.mic?.getTracks() ?? []) track.stop();
    call = null;
    if (peoplePaths.length > 0) window.fixture?.setSpeakers([]);
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

  // A tile for each person, none marked before anyone has spoken.
  if (peoplePaths.length > 0) {
    window.fixture?.setParticipants(peoplePaths.length + 1);
    window.fixture?.setSpeakers([]);
  }

  window.fixtureCall = { onJoin, onLeave, onMute, timing, remoteJitterBufferMs };
})();
