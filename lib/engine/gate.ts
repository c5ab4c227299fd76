// The speech gate of one channel: asks the speech classifier (YAMNet) whether each candidate
// segment is speech, so typing, music and noise are not talk. YAMNet's ~1 s windows are too coarse
// for timing, so the detector keeps deciding *when*; the gate only cuts away what is not speech.
//
// Cost is what shapes this: one window at each segment's onset, another every few seconds in long
// segments, and more only where two checks disagree (bisection finds where speech turned into
// music, say). A budget refilled per second of audio caps the rate on pathological input.
// Verdicts may arrive late (the classifier runs in a worker): segments are released in order once
// all their verdicts are in, so the result never depends on how fast the classifier answered.
import type { Candidate } from './detector';
import type { EngineParams } from './params';
import type { ChannelInput } from './channel-input';
import type { SpeechClassifier } from './types';

interface Check {
  /** Window start, frames. */
  at: number;
  /** Speech score; null while pending, and for a check skipped because the budget was spent
   *  (it takes the verdict before it when the segment is released). */
  score: number | null;
  skipped: boolean;
}

interface GatedSegment {
  start: number;
  /** null while the detector still has the segment open. */
  end: number | null;
  /** Checks in time order: the regular ones and those added by bisection. */
  checks: Check[];
  regularChecks: number;
  pending: number;
}

/** Finalised speech of the channel, frames [start, end). */
export type FrameInterval = [start: number, end: number];

export class SpeechGate {
  private readonly queue: GatedSegment[] = [];
  private readonly windowFrames: number;
  private readonly lead: number;
  private readonly recheck: number;
  private readonly bisectMin: number;
  private readonly windowSamples: number;
  private tokens: number;
  /** Verdict of the last released check: what a segment skipped for budget inherits. Taken at
   *  release (in order), never at arrival, so the result does not depend on classifier timing. */
  private lastSpeech = true;
  /** Classifier failures are reported once, then the gate passes segments through. */
  private failed: unknown = null;

  constructor(
    private readonly p: EngineParams,
    private readonly input: ChannelInput,
    private readonly classifier: SpeechClassifier | undefined,
    private readonly release: (speech: FrameInterval) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    const f = p.frameSec;
    this.windowFrames = p.windowSec / f;
    this.lead = Math.round(p.windowLeadSec / f);
    this.recheck = Math.round(p.recheckEverySec / f);
    this.bisectMin = Math.round(p.bisectMinSec / f);
    this.windowSamples = Math.round(p.windowSec * input.sampleRate);
    this.tokens = p.classifierBurst;
  }

  /** Called once per frame with the detector's open segment (start frame) if any. */
  tick(frame: number, openStart: number | null, openLastWarm: number): void {
    this.tokens = Math.min(this.p.classifierBurst, this.tokens + this.p.classifierBudgetPerSec * this.p.frameSec);
    if (openStart !== null && this.queue.at(-1)?.start !== openStart) {
      this.queue.push({ start: openStart, end: null, checks: [], regularChecks: 0, pending: 0 });
    }
    for (const seg of this.queue) this.schedule(seg, frame, seg.end ?? openLastWarm + 1);
    this.releaseReady();
  }

  /** The detector closed a segment. */
  close(candidate: Candidate, frame: number): void {
    let seg = this.queue.find((s) => s.start === candidate.start && s.end === null);
    if (!seg) {
      seg = { start: candidate.start, end: null, checks: [], regularChecks: 0, pending: 0 };
      this.queue.push(seg);
    }
    seg.end = candidate.end;
    this.schedule(seg, frame, candidate.end);
    this.releaseReady();
  }

  /** Drops a segment the detector opened but then discarded as a blip. */
  discardOpen(start: number): void {
    const i = this.queue.findIndex((s) => s.start === start && s.end === null);
    if (i >= 0 && this.queue[i].pending === 0) this.queue.splice(i, 1);
    else if (i >= 0) this.queue[i].end = start; // empty: released as nothing once its checks return
    this.releaseReady();
  }

  /** End of audio: windows that would reach past it are taken as they are (silence-padded). */
  flush(frame: number): void {
    for (const seg of this.queue) this.schedule(seg, frame + this.windowFrames, seg.end ?? frame);
    this.releaseReady();
  }

  /** Earliest frame whose verdict is still open (segments before it are released). */
  get settledBefore(): number {
    return this.queue[0]?.start ?? Infinity;
  }

  get busy(): boolean {
    return this.queue.some((s) => s.pending > 0);
  }

  /** Unreleased segments, with what is known of them, for the live view. */
  provisional(): { start: number; end: number | null; rejected: boolean }[] {
    return this.queue.map((s) => ({
      start: s.start,
      end: s.end,
      rejected: s.checks.length > 0 && s.checks.every((c) => c.score !== null && c.score < this.p.speechScore),
    }));
  }

  private schedule(seg: GatedSegment, frame: number, end: number): void {
    if (!this.classifier || this.failed) return;
    for (;;) {
      const k = seg.regularChecks;
      const at = Math.max(0, seg.start - this.lead + k * this.recheck);
      // A recheck only where the window's middle still falls inside the segment.
      if (k > 0 && at + this.windowFrames / 2 >= end) return;
      if (frame < at + this.windowFrames) return; // its audio has not all arrived
      seg.regularChecks++;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.classify(seg, at);
      } else {
        insertCheck(seg, { at, score: null, skipped: true });
      }
    }
  }

  private classify(seg: GatedSegment, at: number): void {
    const check: Check = { at, score: null, skipped: false };
    insertCheck(seg, check);
    seg.pending++;
    const window = this.input.read(Math.round(at * this.p.frameSec * this.input.sampleRate), this.windowSamples);
    normaliseLevel(window, this.p.windowTargetDb, this.p.windowMaxGainDb);
    const settle = (score: number) => {
      check.score = score;
      seg.pending--;
      this.bisect(seg);
      this.releaseReady();
    };
    let result: number | Promise<number>;
    try {
      result = this.classifier!(window, this.input.sampleRate);
    } catch (error) {
      return this.fail(error, settle);
    }
    if (typeof result === 'number') settle(result);
    else result.then(settle, (error: unknown) => this.fail(error, settle));
  }

  private fail(error: unknown, settle: (score: number) => void): void {
    if (!this.failed) {
      this.failed = error ?? new Error('speech classifier failed');
      this.onError(this.failed);
    }
    settle(1); // without a classifier, the detector's verdict stands
  }

  /** Adds a window between adjacent resolved checks that disagree, until they are close. */
  private bisect(seg: GatedSegment): void {
    if (this.failed) return;
    const threshold = this.p.speechScore;
    for (let k = 0; k + 1 < seg.checks.length; k++) {
      const a = seg.checks[k];
      const b = seg.checks[k + 1];
      if (a.score === null || b.score === null) continue;
      if (a.score >= threshold === b.score >= threshold) continue;
      if (b.at - a.at <= this.bisectMin) continue;
      // Bisection windows are exempt from the budget: at most log2(recheck / bisectMin) per change.
      this.classify(seg, Math.round((a.at + b.at) / 2));
      return;
    }
  }

  private releaseReady(): void {
    while (this.queue.length > 0) {
      const seg = this.queue[0];
      if (seg.end === null || seg.pending > 0) return;
      this.queue.shift();
      this.releaseSpeech(seg);
    }
  }

  /** Emits the parts of the segment whose nearest check said speech. */
  private releaseSpeech(seg: GatedSegment): void {
    const end = seg.end!;
    if (end <= seg.start) return;
    const checks = seg.checks;
    if (checks.length === 0) {
      this.release([seg.start, end]);
      return;
    }
    const half = this.windowFrames / 2;
    let from = seg.start;
    for (let k = 0; k < checks.length; k++) {
      const check = checks[k];
      const speech = check.skipped ? this.lastSpeech : check.score! >= this.p.speechScore;
      this.lastSpeech = speech;
      // Each check rules the frames nearer to its window's centre than to its neighbours'.
      const to = k + 1 < checks.length ? Math.round((check.at + checks[k + 1].at) / 2 + half) : end;
      const regionEnd = Math.min(end, Math.max(from, to));
      if (speech && regionEnd > from) this.release([from, regionEnd]);
      from = regionEnd;
    }
  }
}

function insertCheck(seg: GatedSegment, check: Check): void {
  const i = seg.checks.findIndex((c) => c.at > check.at);
  if (i < 0) seg.checks.push(check);
  else seg.checks.splice(i, 0, check);
}

/** Scales a window to a common level so a quiet mic's speech is not heard as silence. */
function normaliseLevel(window: Float32Array, targetDb: number, maxGainDb: number): void {
  let sum = 0;
  for (let i = 0; i < window.length; i++) sum += window[i] * window[i];
  const rms = Math.sqrt(sum / window.length);
  if (rms <= 0) return;
  const gain = Math.min(10 ** (maxGainDb / 20), 10 ** (targetDb / 20) / rms);
  for (let i = 0; i < window.length; i++) window[i] *= gain;
}
