// The engine as it runs during a call: inside the capture AudioWorklet (entrypoints/capture-worklet.ts),
// fed the worklet's render quanta gathered into 0.1 s blocks. Running it there, rather than on the
// page's main thread, spares the page 25 raw-audio messages a second; the main thread hears only the
// live picture (when a shown value changes, else every 0.5 s), saves and the call's end. The speech
// model is asked directly over a MessagePort to the extension frame's worker. Plain TypeScript with
// no worklet globals, so Node tests drive it as the worklet does.
import { createEngine } from '../../lib/engine/engine';
import type { Engine, Interval, LiveState, SpeechClassifier } from '../../lib/engine/types';
import type { ResultReport, StartAnalysis, WorkletToContent } from '../channels/content-worklet';
import type { PortChannel } from '../channels/port-channel';
import { portClassifier } from '../channels/worklet-worker';
import { LiveWords } from '../words/live-words';

/** A freshly opened mic delivers exact zeros for its first tens of milliseconds; the engine would
 *  take them for the room's noise floor and hear the real room as speech for many seconds after.
 *  The call's clock starts with the mic's first sound, or after this long without one. */
const MIC_WARMUP_MAX_SEC = 1;

function hasSignal(samples: Float32Array | null): boolean {
  if (!samples) return false;
  for (let i = 0; i < samples.length; i++) if (samples[i] !== 0) return true;
  return false;
}

/**
 * The call's clock keeps to the wall clock. When the render thread falls behind (a busy machine),
 * Chromium skips render callbacks, and the audio the sources delivered meanwhile is dropped once
 * their buffers (≈0.5 s) overflow: the analysis would lose that time without a trace. Past this
 * much, the missing time is put back as the channels' own background (their quietest recent
 * block, so nothing in it counts as speech and the noise floor holds) and counted as a gap.
 * Render callbacks come 0.1 s of audio at a time, with scheduling jitter: well inside it.
 */
const GAP_TOLERANCE_SEC = 0.5;

/** Each channel's quietest block of the last few seconds: what a gap is filled with. */
class Background {
  block: Float32Array | null = null;
  private energy = Infinity;
  private age = 0;

  /** A new block of the channel (null: absent). */
  offer(samples: Float32Array | null): void {
    this.age++;
    if (!samples) return;
    let energy = 0;
    for (let i = 0; i < samples.length; i++) energy += samples[i]! * samples[i]!;
    // Quieter than what is kept, or what is kept is old: the room may have changed.
    if (energy <= this.energy || this.age > BACKGROUND_MAX_AGE_BLOCKS) {
      this.block = samples.slice();
      this.energy = energy;
      this.age = 0;
    }
  }
}
const BACKGROUND_MAX_AGE_BLOCKS = 30;
/** At the end of a call the last turns' words may take this long to come back; the final result
 *  waits no longer (the content script gives the worklet 5 s in all). */
const WORDS_FINISH_MS = 3000;

/** The live figures whose change must reach the page at once (the rest move continuously). */
function promptKey(live: LiveState): string {
  return (
    `${live.floor} ${live.muted} ${live.interruptionsBySelf} ${live.interruptionsOfSelf} ${live.talkoversBySelf} ` +
    `${live.talkoversOfSelf} ${live.backchannelsBySelf} ${live.backchannelsByOthers}`
  );
}

/**
 * The speech model as the engine sees it when the model may come up after the call has started
 * (its frame still loading on a busy machine): until a port is connected every window is answered
 * "speech", so the 10 ms detector decides alone; once it is, the model answers; if it is known
 * never to come, the next window fails and the engine goes on with the detector alone, reporting
 * no speech model.
 */
class LateClassifier {
  private classify: SpeechClassifier | null = null;
  private absent = false;

  readonly classifier: SpeechClassifier = (clip, sampleRate) => {
    if (this.classify) return this.classify(clip, sampleRate);
    if (this.absent) throw new Error('the speech model is not available');
    return 1;
  };

  connect(port: MessagePort): void {
    this.classify = portClassifier(port);
  }

  giveUp(): void {
    this.absent = true;
  }
}

export class LiveAnalysis {
  private readonly engine: Engine;
  private readonly late: LateClassifier | null = null;
  /** Words on: my turns transcribed and read beside the engine. */
  private readonly words: LiveWords | null;
  private readonly liveEvery: number;
  private readonly liveQuiet: number;
  private lastKey = '';
  private lastReported = -Infinity;
  private readonly warmupMax: number;
  private waitForMic: boolean;
  private started = false;
  private ended = false;
  private paused: boolean;
  private muted = false;
  private readonly mutedIntervals: Interval[] = [];
  private warmup = 0;
  private samples = 0;
  private nextLive = 0;
  /** Quanta are gathered into blocks of one live interval (0.1 s) before they go to the engine:
   *  per-call overhead at 128 samples doubled its cost, and the worklet is woken with about that
   *  much audio at once anyway (ANALYZE_LATENCY_SEC), so a look at the live picture still follows
   *  the newest audio. A channel absent for a whole block stays absent (null); within a block its
   *  missing quanta are silence, as the engine reads null anyway. */
  private readonly selfBlock: Float32Array;
  private readonly othersBlock: Float32Array;
  private selfPresent = false;
  private othersPresent = false;
  private filled = 0;
  /** Where the call's clock was tied to the wall clock (null until the call starts and after a
   *  pause, whose stretch is cut out), and the time put back for render callbacks that never came. */
  private clock: { wallMs: number; samples: number } | null = null;
  private gapSamples = 0;
  private readonly selfBackground = new Background();
  private readonly othersBackground = new Background();

  constructor(
    private readonly sampleRate: number,
    init: StartAnalysis,
    private readonly send: PortChannel<WorkletToContent>['send'],
  ) {
    if (init.model !== 'absent') {
      this.late = new LateClassifier();
      if (init.classifierPort) this.late.connect(init.classifierPort);
    }
    this.engine = createEngine({
      sampleRate,
      classifier: this.late?.classifier,
      onClassifierError: (error) => send('classifier-error', error instanceof Error ? error.message : String(error)),
      onClassifierRecovered: () => send('classifier-recovered', null),
    });
    this.words = init.wordsPort ? new LiveWords(sampleRate, init.wordsPort, init.keepMyQuestions === true) : null;
    this.liveEvery = Math.round(init.liveEverySec * sampleRate);
    this.liveQuiet = Math.round(init.liveQuietSec * sampleRate);
    this.selfBlock = new Float32Array(this.liveEvery);
    this.othersBlock = new Float32Array(this.liveEvery);
    this.warmupMax = MIC_WARMUP_MAX_SEC * sampleRate;
    this.waitForMic = init.waitForMic;
    this.paused = init.paused;
    this.setMuted(init.muted);
  }

  /** One block of both channels (`null`: nothing connected); `length` samples either way.
   *  `nowMs`: the wall clock as the block arrives, which the call's clock keeps to. */
  push(self: Float32Array | null, others: Float32Array | null, length: number, nowMs?: number): void {
    if (this.ended || this.paused) return;
    if (!this.started) {
      if (this.waitForMic && !hasSignal(self) && this.warmup < this.warmupMax) {
        this.warmup += length;
        return;
      }
      this.started = true;
      this.send('started', null);
    }
    if (nowMs !== undefined) this.keepClock(nowMs);
    let from = 0;
    while (from < length) {
      const n = Math.min(length - from, this.selfBlock.length - this.filled);
      this.gather(this.selfBlock, self, from, n);
      this.gather(this.othersBlock, others, from, n);
      if (self) this.selfPresent = true;
      if (others) this.othersPresent = true;
      this.filled += n;
      from += n;
      if (this.filled === this.selfBlock.length) this.flush();
    }
  }

  private gather(block: Float32Array, samples: Float32Array | null, from: number, count: number): void {
    if (samples) block.set(samples.subarray(from, from + count), this.filled);
    else block.fill(0, this.filled, this.filled + count);
  }

  /** Gives the engine what has been gathered, and looks at the live picture when one is due. */
  private flush(): void {
    const n = this.filled;
    if (n === 0) return;
    this.filled = 0;
    const self = this.selfPresent ? this.selfBlock.subarray(0, n) : null;
    const others = this.othersPresent ? this.othersBlock.subarray(0, n) : null;
    this.selfPresent = this.othersPresent = false;
    if (n === this.selfBlock.length) {
      this.selfBackground.offer(self);
      this.othersBackground.offer(others);
    }
    this.feed(self, others, n);
  }

  /** Puts back the audio time the render thread did not deliver (see GAP_TOLERANCE_SEC). */
  private keepClock(nowMs: number): void {
    const fed = this.samples + this.filled;
    this.clock ??= { wallMs: nowMs, samples: fed };
    const due = this.clock.samples + ((nowMs - this.clock.wallMs) / 1000) * this.sampleRate;
    const missing = Math.floor(due - fed);
    if (missing <= GAP_TOLERANCE_SEC * this.sampleRate) return;
    this.flush();
    for (let left = missing; left > 0;) {
      const n = Math.min(left, this.selfBlock.length);
      const fill = (background: Background) =>
        background.block?.subarray(0, Math.min(n, background.block.length)) ?? null;
      const self = fill(this.selfBackground);
      const others = fill(this.othersBackground);
      const length = Math.min(n, self?.length ?? n, others?.length ?? n);
      this.feed(self?.subarray(0, length) ?? null, others?.subarray(0, length) ?? null, length);
      this.gapSamples += length;
      left -= length;
    }
  }

  private feed(self: Float32Array | null, others: Float32Array | null, n: number): void {
    // With neither channel connected the call still goes on: time advances in silence.
    this.engine.push(self, others ?? (self ? null : new Float32Array(n)));
    this.words?.push(self, others, n);
    this.samples += n;
    while (this.samples >= this.nextLive) {
      const at = this.nextLive;
      this.nextLive += this.liveEvery; // on the 0.1 s grid, whatever the quantum
      this.look(at);
    }
  }

  /** Every message wakes the page's main thread: report the live picture when the page must show a
   *  change, and otherwise only every `liveQuiet` samples. */
  private look(at: number): void {
    this.words?.take(this.engine.takeDecided());
    const live = this.engine.live();
    const key = promptKey(live);
    const events = this.engine.takeEvents();
    if (key === this.lastKey && events.length === 0 && at - this.lastReported < this.liveQuiet) return;
    this.lastKey = key;
    this.lastReported = at;
    this.send('live', { live, events, gapSec: this.gapSec });
  }

  /** Audio gathered so far belongs before any change (a mute starts after it, a result has it). */
  private settle(): void {
    if (!this.ended) this.flush();
  }

  setMuted(muted: boolean): void {
    this.settle();
    if (muted === this.muted) return;
    this.muted = muted;
    this.engine.setMuted(muted);
    const t = this.timeSec;
    if (muted) this.mutedIntervals.push([t, Infinity]);
    else {
      const open = this.mutedIntervals.at(-1);
      if (open) open[1] = t;
    }
  }

  setPaused(paused: boolean): void {
    this.settle();
    this.paused = paused;
    this.clock = null; // a paused stretch is cut out: the clock starts afresh
  }

  /** The speech model came up after the call started (or will never): see LateClassifier. */
  connectClassifier(port: MessagePort | null): void {
    if (port) this.late?.connect(port);
    else this.late?.giveUp();
  }

  /** The result so far, for a save. */
  snapshot(): ResultReport {
    this.settle();
    const result = this.engine.snapshot();
    const words = this.words?.report();
    return { result, muted: this.mutedAsOf(result.durationSec), gapSec: this.gapSec, ...(words ? { words } : {}) };
  }

  /** The call is over: no more audio; the final result once the last verdicts are in. */
  async finish(): Promise<ResultReport> {
    this.settle();
    this.ended = true;
    const result = await this.engine.finish();
    const words = await this.words?.finish(this.engine.takeDecided(), WORDS_FINISH_MS);
    return { result, muted: this.mutedAsOf(result.durationSec), gapSec: this.gapSec, ...(words ? { words } : {}) };
  }

  private get timeSec(): number {
    return this.samples / this.sampleRate;
  }

  private get gapSec(): number {
    return Math.round((this.gapSamples / this.sampleRate) * 100) / 100;
  }

  /** Muted stretches as of a result; one still open ends where the result ends. */
  private mutedAsOf(durationSec: number): Interval[] {
    return this.mutedIntervals.map(([s, e]): Interval => [s, Math.min(e, durationSec)]);
  }
}
