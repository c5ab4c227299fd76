// The engine as it runs during a call: inside the capture AudioWorklet (entrypoints/capture-worklet.ts),
// fed the worklet's render quanta gathered into 0.1 s blocks. Running it there, rather than on the
// page's main thread, spares the page 25 raw-audio messages a second; the main thread hears only the
// live picture (when a shown value changes, else every 0.5 s), saves and the call's end. The speech
// model is asked directly over a MessagePort to the extension frame's worker. Plain TypeScript with
// no worklet globals, so Node tests drive it as the worklet does.
import { createEngine } from '../../lib/engine/engine';
import type { Engine, Interval, LiveState, SpeechClassifier } from '../../lib/engine/types';
import type { SpeechWorkerReply, SpeechWorkerRequest } from '../classifier/protocol';
import { LiveWords } from '../words/live-words';
import type { AnalysisReport, StartAnalysis, WorkletCommand } from './worklet-protocol';

/** A freshly opened mic delivers exact zeros for its first tens of milliseconds; the engine would
 *  take them for the room's noise floor and hear the real room as speech for many seconds after.
 *  The call's clock starts with the mic's first sound, or after this long without one. */
const MIC_WARMUP_MAX_SEC = 1;

function hasSignal(samples: Float32Array | null): boolean {
  if (!samples) return false;
  for (let i = 0; i < samples.length; i++) if (samples[i] !== 0) return true;
  return false;
}

/** At the end of a call the last turns' words may take this long to come back; the final result
 *  waits no longer (the content script gives the worklet 5 s in all). */
const WORDS_FINISH_MS = 3000;

/** The live figures whose change must reach the page at once (the rest move continuously). */
function promptKey(live: LiveState): string {
  return `${live.floor} ${live.muted} ${live.interruptionsBySelf} ${live.interruptionsOfSelf} ${live.talkoversBySelf} ` +
    `${live.talkoversOfSelf} ${live.backchannelsBySelf} ${live.backchannelsByOthers}`;
}

/** The speech model behind a MessagePort (the extension frame's worker answers on it). */
export function portClassifier(port: MessagePort): SpeechClassifier {
  const pending = new Map<number, (score: number) => void>();
  let nextId = 0;
  port.onmessage = (event: MessageEvent<SpeechWorkerReply>) => {
    const reply = event.data;
    if (reply.type !== 'score') return;
    pending.get(reply.id)?.(reply.score);
    pending.delete(reply.id);
  };
  return (clip, sampleRate) =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      // A copy: the engine reuses its window buffer, and transferring would detach it.
      const samples = clip.slice();
      port.postMessage({ type: 'classify', id, samples, sampleRate } satisfies SpeechWorkerRequest, [samples.buffer]);
    });
}

export class LiveAnalysis {
  private readonly engine: Engine;
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

  constructor(
    private readonly sampleRate: number,
    init: StartAnalysis,
    private readonly report: (report: AnalysisReport) => void,
  ) {
    this.engine = createEngine({
      sampleRate,
      classifier: init.classifierPort ? portClassifier(init.classifierPort) : undefined,
      onClassifierError: (error) => report({ type: 'classifier-error', message: String(error) }),
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

  /** One block of both channels (`null`: nothing connected); `length` samples either way. */
  push(self: Float32Array | null, others: Float32Array | null, length: number): void {
    if (this.ended || this.paused) return;
    if (!this.started) {
      if (this.waitForMic && !hasSignal(self) && this.warmup < this.warmupMax) {
        this.warmup += length;
        return;
      }
      this.started = true;
      this.report({ type: 'started' });
    }
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
    // With neither channel connected the call still goes on: time advances in silence.
    const others = this.othersPresent || !self ? this.othersBlock.subarray(0, n) : null;
    this.selfPresent = this.othersPresent = false;
    this.engine.push(self, others);
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
    this.report({ type: 'live', live, events });
  }

  command(command: WorkletCommand): void {
    // Audio gathered so far belongs before the command (a mute starts after it, a result has it).
    if (!this.ended) this.flush();
    switch (command.type) {
      case 'muted':
        return this.setMuted(command.muted);
      case 'paused':
        this.paused = command.paused;
        return;
      case 'snapshot': {
        const result = this.engine.snapshot();
        const words = this.words?.report();
        this.report({ type: 'snapshot', id: command.id, result, muted: this.mutedAsOf(result.durationSec), ...(words ? { words } : {}) });
        return;
      }
      case 'finish':
        this.ended = true;
        void this.engine.finish().then(async (result) => {
          const words = await this.words?.finish(this.engine.takeDecided(), WORDS_FINISH_MS);
          this.report({ type: 'final', id: command.id, result, muted: this.mutedAsOf(result.durationSec), ...(words ? { words } : {}) });
        });
        return;
    }
  }

  private get timeSec(): number {
    return this.samples / this.sampleRate;
  }

  private setMuted(muted: boolean): void {
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

  /** Muted stretches as of a result; one still open ends where the result ends. */
  private mutedAsOf(durationSec: number): Interval[] {
    return this.mutedIntervals.map(([s, e]): Interval => [s, Math.min(e, durationSec)]);
  }
}
