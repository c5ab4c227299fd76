// What the MAIN-world RTC hook (extension/capture/rtc-hook.ts, as built) costs the meeting page's main
// thread while a call is coached: every read of a receiver's sources is a synchronous hop to
// Chromium's WebRTC thread (docs/people.md). A page in Debian's Chromium holds a call with N remote
// people over real RTCPeerConnections (loopback, audio and a small video each, people speaking in
// turns with silences between), and asks the hook for levels as the content script does (every
// 300 ms, the call-state poll every second). Printed: source reads a second, the main thread's time
// inside them, and the page's main-thread task time with the hook asked against it idle.
// Run: npx tsx bench/rtc-hook.ts [--people 3] [--layout per-person|one-connection] [--seconds 20] [--load 0]
//   [--hook FILE]
//   --layout per-person: a connection per remote person (Janus VideoRoom); one-connection: all of
//   them on one (Meet, Jitsi, Whereby). --load K: K busy loops beside it, a loaded laptop.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, QUIET_CHROMIUM_ARGS } from '../harness/browser';
import { ensureExtensionBuilt, EXTENSION_DIR } from '../harness/build';
import { sourceReadCost, timeSourceReads } from '../harness/source-reads';
import { HOOK_LEVELS_POLL_EVENT, HOOK_POLL_EVENT } from '../extension/channels/page-hook';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '3' },
    layout: { type: 'string', default: 'per-person' },
    seconds: { type: 'string', default: '20' },
    load: { type: 'string', default: '0' },
    hook: { type: 'string' }, // another build's content-scripts/rtc-hook.js, to compare builds
    'busy-loop': { type: 'boolean' }, // internal: this file as one of --load's loops
  },
});

if (args['busy-loop']) for (;;);

/** Sets up the call in the page; runs in the page. */
async function startCall({ people, oneConnection }: { people: number; oneConnection: boolean }): Promise<void> {
  const ctx = new AudioContext();
  const TURN_SEC = 3;
  const pair = async () => {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
    b.ontrack = (e) => {
      const element = document.createElement(e.track.kind === 'audio' ? 'audio' : 'video');
      element.srcObject = new MediaStream([e.track]);
      void element.play().catch(() => {});
      document.body.append(element);
    };
    return { a, b };
  };
  const addPerson = (pc: RTCPeerConnection, i: number) => {
    const voice = ctx.createOscillator();
    voice.frequency.value = 140 + 40 * i;
    const gain = ctx.createGain();
    const out = ctx.createMediaStreamDestination();
    voice.connect(gain).connect(out);
    voice.start();
    // Each speaks in turn; one slot in every round is silence (me speaking).
    setInterval(() => {
      const slot = Math.floor(ctx.currentTime / TURN_SEC) % (people + 1);
      gain.gain.value = slot === i ? 0.3 : 0;
    }, 50);
    const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
    const g = canvas.getContext('2d')!;
    setInterval(() => {
      g.fillStyle = `hsl(${Math.random() * 360} 50% 50%)`;
      g.fillRect(0, 0, 320, 240);
    }, 66);
    const stream = new MediaStream([...out.stream.getAudioTracks(), ...canvas.captureStream(15).getVideoTracks()]);
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
  };
  const connect = async ({ a, b }: { a: RTCPeerConnection; b: RTCPeerConnection }) => {
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
  };
  if (oneConnection) {
    const call = await pair();
    for (let i = 0; i < people; i++) addPerson(call.a, i);
    await connect(call);
  } else {
    for (let i = 0; i < people; i++) {
      const call = await pair();
      addPerson(call.a, i);
      await connect(call);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
}

/** Polls the hook as the content script does during a call (extension/channels/page-hook.ts). */
function pollAsTheCoach({ on, levelsPoll, poll }: { on: boolean; levelsPoll: string; poll: string }): void {
  const w = window as unknown as { __polls?: number[] };
  for (const id of w.__polls ?? []) clearInterval(id);
  w.__polls = on
    ? [
        window.setInterval(() => document.dispatchEvent(new CustomEvent(levelsPoll)), 300),
        window.setInterval(() => document.dispatchEvent(new CustomEvent(poll)), 1000),
      ]
    : [];
}

async function main() {
  const people = Number(args.people);
  const oneConnection = args.layout === 'one-connection';
  const seconds = Number(args.seconds);
  if (!args.hook) ensureExtensionBuilt((line) => console.log(line));
  const hook = fs.readFileSync(args.hook ?? path.join(EXTENSION_DIR, 'content-scripts/rtc-hook.js'), 'utf8');
  const loops = Array.from({ length: Number(args.load) }, () => fork(import.meta.filename, ['--busy-loop']));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...QUIET_CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const page = await browser.newPage();
    // tsx names the functions handed to the page with a helper the page lacks.
    await page.addInitScript({ content: `window.__name = (f) => f;\n${hook}` });
    await page.goto('data:text/html,<title>call</title><body></body>');
    await page.evaluate(startCall, { people, oneConnection });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSec = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
    const phase = async (coached: boolean) => {
      await page.evaluate(pollAsTheCoach, { on: coached, levelsPoll: HOOK_LEVELS_POLL_EVENT, poll: HOOK_POLL_EVENT });
      await page.waitForTimeout(2000); // the sampler starts, or stops 3 s after the last poll
      await timeSourceReads(page);
      const before = await taskSec();
      const startedMs = Date.now();
      await page.waitForTimeout(seconds * 1000);
      const taskMsPerSec = (((await taskSec()) - before) / ((Date.now() - startedMs) / 1000)) * 1000;
      return { taskMsPerSec, reads: await sourceReadCost(page) };
    };
    const idle = await phase(false);
    await page.waitForTimeout(2000);
    const coached = await phase(true);
    const load = os.loadavg().at(0)?.toFixed(1) ?? 'unknown';
    console.log(
      `RTC hook, ${people} remote people on ${oneConnection ? 'one connection' : 'a connection each'}, ` +
        `${seconds} s a phase, ${args.load} busy loops beside it, load average ${load} on ${os.cpus().length} cores:`,
    );
    console.log(
      '| phase | source reads / s | µs a read | main thread in reads, ms / s | page main-thread tasks, ms / s |',
    );
    console.log('| --- | --- | --- | --- | --- |');
    for (const [name, r] of [
      ['not coached (hook idle)', idle],
      ['coached', coached],
    ] as const)
      console.log(
        `| ${name} | ${r.reads.callsPerSec.toFixed(1)} | ${r.reads.usPerCall.toFixed(0)} | ${r.reads.msPerSec.toFixed(2)} | ${r.taskMsPerSec.toFixed(1)} |`,
      );
    console.log(
      `The hook's cost while coached: ${(coached.taskMsPerSec - idle.taskMsPerSec).toFixed(1)} ms of the page's main thread per second.`,
    );
  } finally {
    await browser.close();
    for (const loop of loops) loop.kill();
  }
}

await main();
