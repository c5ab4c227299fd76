// The speech gate of one channel: asks the speech classifier (YAMNet) whether each candidate
// segment is speech, so typing, music and noise are not talk. YAMNet's ~1 s windows are too coarse
// for timing, so the detector keeps deciding *when*; the gate only cuts away what is not speech.
//
// Cost shapes this. One window at each segment's onset, unless the segment goes on an utterance
// already heard as speech (after a pause of half a second or less, within a recheck stride of the
// last window heard): then it takes that verdict. In long segments another window every few
// seconds, or every second or so while the channel has lately had sound that was not speech
// (music, typing, a noisy room); and more only where two checks disagree, to find where speech
// turned into music, say, or where one said no right after speech (heard again a little later,
// since one window's verdict on real speech depends on where it falls). A cap on checks per
// stretch of audio bounds the cost on endless noise.
//
// Verdicts may arrive late (the classifier runs in a worker). Every decision is taken from the
// audio and from verdicts of earlier windows only, and segments are released in order once all
// their verdicts are in, so the result never depends on how fast the classifier answered.
import type { ChannelInput } from './channel-input';
import type { Candidate } from './detector';
import { quietChannelGainDb, type EngineParams } from './params';
import type { SpeechClassifier } from './types';

interface Check {
  /** Window start, frames. */
  at: number;
  /** When it was asked: the frame count then, and the wall clock (watchdog). */
  askedAtFrame?: number;
  askedAtMs?: number;
  /** Speech score; null while pending or when skipped. */
  score: number | null;
  /** Not heard (the cost cap, or a turn already heard): takes the verdict before it when the
   *  segment is released. */
  skipped: boolean;
  regular: boolean;
  /** How much the window was raised before the classifier heard it (normalise). */
  gainDb: number;
  /** A rejection right after speech, already given a second window. */
  confirmed?: boolean;
}

interface GatedSegment {
  start: number;
  /** null while the detector still has the segment open. */
  end: number | null;
  /** Checks in time order: regular ones and those added by bisection. */
  checks: Check[];
  /** Where the next regular check goes; null until it can be decided. */
  nextAt: number | null;
  done: boolean;
  pending: number;
  /** Opened before this channel's speech level was known (its first words): its windows are heard
   *  at no gain while it is open, and again when it closes if its own level says otherwise. */
  firstWords: boolean;
  /** For first words, the gain once the segment has closed (null before). */
  closedGainDb: number | null;
  /** Windows that hear a rejection again, a little later, waiting for their audio. */
  confirmAt: number[];
}

/** Finalised speech of the channel, frames [start, end). */
export type FrameInterval = [start: number, end: number];

/** Frame levels kept for refining edges: 2^14 frames ≈ 164 s; older parts of a longer segment
 *  keep the checks' verdicts unrefined. */
const LEVEL_MASK = (1 << 14) - 1;

export class SpeechGate {
  private readonly queue: GatedSegment[] = [];
  private readonly windowFrames: number;
  private readonly lead: number;
  private readonly stride: number;
  private readonly waryStride: number;
  private readonly waryFor: number;
  private readonly bisectMin: number;
  private readonly capSpan: number;
  private readonly capCount: number;
  private readonly windowSamples: number;
  /** Positions of recent regular checks (for the cost cap) and of recent rejections. */
  private readonly recentChecks: number[] = [];
  private readonly recentRejections: number[] = [];
  /** Checks of this channel whose verdict has not arrived, with what settles each. */
  private readonly unresolved = new Map<Check, (score: number) => void>();
  /** Verdict of the last released region: what a segment skipped for cost, or going on a heard
   *  turn, inherits. Taken at release (in order), never at arrival. */
  private lastSpeech = true;
  /** End of the last released segment that held anything, and the last window heard up to it: the
   *  turn a new segment may go on. */
  private lastReleasedEnd = -Infinity;
  private lastHeardAt = -Infinity;
  /** Classifier failures are reported once, then the gate passes segments through (for good after
   *  an error; after the watchdog's failover until a late verdict comes after all). */
  private failed: unknown = null;
  /** The failure is the watchdog's: a model that answers after all is taken back. */
  private failedSilent = false;
  /** A window's audio had gone by its turn: the model lags behind the call (reported once). */
  private behind = false;
  private frame = 0;
  /** Recent frame levels (dB), to refine speech edges inside segments that also hold other sound. */
  private readonly levels = new Float32Array(LEVEL_MASK + 1);

  constructor(
    private readonly p: EngineParams,
    private readonly input: ChannelInput,
    private readonly classifier: SpeechClassifier | undefined,
    private readonly nowMs: () => number,
    private readonly release: (speech: FrameInterval) => void,
    private readonly onError: (error: unknown) => void,
    /** The model answers in time again after a lag or a silence that onError reported. */
    private readonly onRecovered: () => void,
    /** The channel's speech level (dB) as it was after a given frame; -Infinity while unknown. */
    private readonly speechLevelAt: (frame: number) => number,
  ) {
    const fr = (sec: number) => Math.round(sec / p.frameSec);
    this.windowFrames = p.windowSec / p.frameSec;
    this.lead = fr(p.windowLeadSec);
    this.stride = fr(p.recheckEverySec);
    this.waryStride = fr(p.recheckWaryEverySec);
    this.waryFor = fr(p.waryForSec);
    this.bisectMin = fr(p.bisectMinSec);
    this.capSpan = fr(p.classifierBudgetSpanSec);
    this.capCount = Math.max(1, Math.round(p.classifierBudgetPerSec * p.classifierBudgetSpanSec));
    this.backgroundReach = fr(p.backgroundReachSec);
    this.windowSamples = Math.round(p.windowSec * input.sampleRate);
    this.pauseFrames = fr(p.turnPauseSec);
    this.goesOnFrames = fr(p.turnGoesOnSec);
  }
  private readonly pauseFrames: number;
  private readonly goesOnFrames: number;
  private readonly backgroundReach: number;

  /** Called once per frame (frames completed so far) with the detector's open segment. */
  tick(frame: number, openStart: number | null, openLastWarm: number, levelDb: number): void {
    this.frame = frame;
    this.levels[(frame - 1) & LEVEL_MASK] = levelDb;
    this.watchdog();
    const last = this.queue.at(-1);
    if (openStart !== null && (!last || last.end !== null))
      this.queue.push(newSegment(openStart, this.firstWordsAt(openStart)));
    this.advance(openLastWarm + 1);
  }

  /** The detector closed its open segment (its start may have moved in to the speech-like core). */
  close(candidate: Candidate): void {
    let seg = this.queue.find((s) => s.end === null);
    if (!seg) this.queue.push((seg = newSegment(candidate.start, this.firstWordsAt(candidate.start))));
    seg.start = candidate.start;
    seg.end = candidate.end;
    this.settleGain(seg);
    this.advance(candidate.end);
  }

  /** Drops the open segment: the detector discarded it as a blip or clicks. */
  discardOpen(): void {
    const seg = this.queue.find((s) => s.end === null);
    if (seg) seg.end = seg.start; // released as nothing once any checks are back
    this.releaseReady();
  }

  /** End of audio: windows reaching past it are taken as they are (silence-padded). */
  flush(frame: number): void {
    this.frame = frame + this.windowFrames;
    this.advance(frame);
  }

  /** Earliest frame whose verdict is still open (segments before it are released). */
  get settledBefore(): number {
    return this.queue[0]?.start ?? Infinity;
  }

  get busy(): boolean {
    return this.unresolved.size > 0 || this.queue.some((s) => s.end !== null && !s.done);
  }

  /** Unreleased segments, with what is known of them, for the live view. */
  provisional(): { start: number; end: number | null; rejected: boolean }[] {
    return this.queue.map((s) => ({
      start: s.start,
      end: s.end,
      rejected: s.checks.length > 0 && s.checks.every((c) => c.score !== null && c.score < this.p.speechScore),
    }));
  }

  /** Issues every regular check whose position is decided and whose audio has arrived. */
  private schedule(openEnd: number): void {
    for (const seg of this.queue) {
      if (!this.classifier || this.failed) seg.done = true;
      for (const at of [...seg.confirmAt]) {
        if (!this.failed && this.frame < at + this.windowFrames) continue;
        seg.confirmAt.splice(seg.confirmAt.indexOf(at), 1);
        seg.pending--;
        if (!this.failed && this.holds(at) && this.hearsSegment(seg, at, openEnd)) this.classify(seg, at, false);
      }
      while (!seg.done) {
        const at = this.nextPosition(seg);
        if (at === null) break; // waits for earlier verdicts
        if (seg.checks.some((c) => c.regular) && !this.hearsSegment(seg, at, openEnd)) {
          if (seg.end !== null) seg.done = true;
          break;
        }
        if (this.frame < at + this.windowFrames) break; // its audio has not all arrived
        seg.nextAt = null;
        this.issue(seg, at);
      }
      // Later segments wait: checks are issued in time order, so the cost cap counts the same
      // windows however late the verdicts of this one arrive.
      if (!seg.done) return;
    }
  }

  /** A window after a segment's first is asked only where its middle still falls inside the
   *  segment (as far as it has come). */
  private hearsSegment(seg: GatedSegment, at: number, openEnd: number): boolean {
    return at + this.windowFrames / 2 < (seg.end ?? openEnd);
  }

  private nextPosition(seg: GatedSegment): number | null {
    if (seg.nextAt !== null) return seg.nextAt;
    const regular = seg.checks.filter((c) => c.regular);
    const prev = regular.at(-1);
    // Whether a segment goes on a turn depends on the verdicts before it: wait for their release.
    if (!prev) return this.queue[0] === seg ? (seg.nextAt = Math.max(0, seg.start - this.lead)) : null;
    // First words are heard at a gain their close may change, so their verdicts cannot steer the
    // stride (a late one would steer it differently): it is the wary one until then.
    if (!this.gainFinal(seg)) return (seg.nextAt = prev.at + this.waryStride);
    // The stride depends on verdicts up to the previous check only, so wait for all of them.
    for (const c of this.unresolved.keys()) if (c.at <= prev.at) return null;
    return (seg.nextAt = prev.at + (this.isWaryAt(prev.at) ? this.waryStride : this.stride));
  }

  private issue(seg: GatedSegment, at: number): void {
    if (this.goesOnHeardTurn(seg, at) || !this.takeFromBudget(at))
      insertCheck(seg, { at, score: null, skipped: true, regular: true, gainDb: 0 });
    else this.classify(seg, at, true);
  }

  /** Counts a regular check at `at` against the cost cap; false when the cap is reached. */
  private takeFromBudget(at: number): boolean {
    const recent = this.recentChecks;
    while (recent[0] !== undefined && recent[0] <= at - this.capSpan) recent.shift();
    if (recent.length >= this.capCount) return false;
    recent.push(at);
    return true;
  }

  /** Whether the classifier rejected sound of this channel in the waryForSec up to `at`. */
  private isWaryAt(at: number): boolean {
    return this.recentRejections.some((r) => r <= at && r > at - this.waryFor);
  }

  /** A segment's first window is not needed when it goes on an utterance heard as speech: after a
   *  pause of at most turnGoesOnSec, within a recheck stride of the last window heard, on a channel
   *  not wary (whose turns may mix speech with other sound) and whose gain is known. */
  private goesOnHeardTurn(seg: GatedSegment, at: number): boolean {
    if (seg.checks.length > 0 || !this.gainFinal(seg) || !this.lastSpeech) return false;
    if (seg.start - this.lastReleasedEnd >= this.goesOnFrames || at - this.lastHeardAt >= this.stride) return false;
    return !this.isWaryAt(at);
  }

  /** Fails over when the oldest verdict is overdue (classifierTimeoutSec). */
  private watchdog(): void {
    if (this.failed || this.unresolved.size === 0) return;
    const timeoutSec = this.p.classifierTimeoutSec;
    const timeoutFrames = timeoutSec / this.p.frameSec;
    const now = this.nowMs();
    for (const [check, settle] of this.unresolved) {
      if (this.frame - (check.askedAtFrame ?? this.frame) < timeoutFrames) continue;
      if (now - (check.askedAtMs ?? now) < timeoutSec * 1000) continue;
      this.fail(new Error(`no verdict for ${timeoutSec} s`), settle);
      this.failedSilent = true;
      // Every other verdict still out is given up too: the detector's decision stands for them.
      for (const other of [...this.unresolved.values()]) other(1);
      return;
    }
  }

  private classify(seg: GatedSegment, at: number, regular: boolean): void {
    const gainDb = seg.firstWords ? (seg.closedGainDb ?? 0) : this.gainAt(at + this.windowFrames);
    const check: Check = { at, score: null, skipped: false, regular, gainDb };
    insertCheck(seg, check);
    this.ask(seg, check);
  }

  private ask(seg: GatedSegment, check: Check): void {
    check.askedAtFrame = this.frame;
    check.askedAtMs = this.nowMs();
    seg.pending++;
    const start = Math.round(check.at * this.p.frameSec * this.input.sampleRate);
    const clip = this.input.read(start, this.windowSamples);
    if (check.gainDb > 0) {
      const gain = 10 ** (check.gainDb / 20);
      for (let i = 0; i < clip.length; i++) clip[i]! *= gain;
    }
    const askedBehind = this.behind;
    const settle = (score: number) => {
      // Given up by the watchdog, or asked again at a new gain, then answered after all.
      if (this.unresolved.get(check) !== settle) return;
      seg.pending--;
      this.unresolved.delete(check);
      check.score = score;
      if (score < this.p.speechScore && this.gainFinal(seg)) this.noteRejection(check.at);
      this.confirmRejections(seg);
      this.bisect(seg);
      this.advance(seg.end ?? check.at);
    };
    this.unresolved.set(check, settle);
    // Windows are asked in order, each once the verdicts before it are in: a classifier that
    // answers too slowly for too long leaves this one's audio out of the history, and silence
    // would be heard in its place (the speech lost without a word). The detector decides instead.
    // The model goes on with the next window it can still hear, and is caught up once one of
    // those is answered.
    if (!this.holds(check.at)) {
      if (!this.behind) {
        const behindSec = (this.input.samplesWritten - start) / this.input.sampleRate;
        this.behind = true;
        this.onError(new Error(`it fell ${behindSec.toFixed(0)} s behind the call`));
      }
      return settle(1);
    }
    const answered = (score: number) => {
      // A model the watchdog gave up on was only slow after all, or a lag is over.
      if (this.failedSilent) this.recover();
      else if (!this.failed && askedBehind && this.behind) {
        this.behind = false;
        this.onRecovered();
      }
      settle(score);
    };
    let result: number | Promise<number>;
    try {
      result = this.classifier!(clip, this.input.sampleRate);
    } catch (error) {
      return this.fail(error, settle);
    }
    if (typeof result === 'number') answered(result);
    else result.then(answered, (error: unknown) => this.fail(error, settle));
  }

  /** A late verdict after the watchdog's failover: the model is used again from the segments that
   *  start now (those passed through meanwhile keep the detector's verdict). */
  private recover(): void {
    this.failed = null;
    this.failedSilent = false;
    this.behind = false;
    this.onRecovered();
  }

  /**
   * YAMNet hears level: speech 40 dB below normal reads as silence. So a quiet channel's windows are
   * raised until its speech sits at a normal level — by the channel's own speech level, not the
   * window's, so the room noise of a quiet channel stays as far below its speech as it was (raising
   * each window to its own level made distant room noise sound like talk on the AMI clips).
   */
  private gainAt(frame: number): number {
    return quietChannelGainDb(this.p, this.speechLevelAt(frame));
  }

  /**
   * The first words of a channel tell, once they end, how loud its speech is. Their windows heard at
   * a gain far from that one (and whose audio is still held) are heard again: decided at the close,
   * and with bisection held back until then, so no verdict depends on when another arrived.
   */
  private settleGain(seg: GatedSegment): void {
    if (!seg.firstWords || this.failed) return;
    seg.closedGainDb = this.gainAt(Infinity);
    // Answered or not yet: a verdict still out is superseded here, while its audio is surely held,
    // rather than when it lands (by then the audio may be gone, and how late it is must not count).
    const stale = seg.checks.filter((c) => this.isStale(seg, c) && this.holds(c.at));
    // The verdicts that stand count towards wariness now, as those asked again will on arrival.
    for (const c of seg.checks)
      if (!stale.includes(c) && c.score !== null && c.score < this.p.speechScore) this.noteRejection(c.at);
    seg.pending++; // nothing is released before every stale verdict has been asked again
    for (const check of stale) {
      if (this.unresolved.delete(check)) seg.pending--;
      check.score = null;
      check.gainDb = seg.closedGainDb;
    }
    for (const check of stale) this.ask(seg, check);
    seg.pending--;
    this.bisect(seg);
  }

  /** Whether the audio of the window at `at` is still in the channel's history. */
  private holds(at: number): boolean {
    return (
      Math.round(at * this.p.frameSec * this.input.sampleRate) >= this.input.samplesWritten - this.input.historySamples
    );
  }

  /** Whether the segment's windows are heard at the gain they keep. */
  private gainFinal(seg: GatedSegment): boolean {
    return !seg.firstWords || seg.closedGainDb !== null;
  }

  private firstWordsAt(frame: number): boolean {
    return !Number.isFinite(this.speechLevelAt(frame));
  }

  private isStale(seg: GatedSegment, check: Check): boolean {
    return (
      seg.closedGainDb !== null &&
      !check.skipped &&
      Math.abs(check.gainDb - seg.closedGainDb) >= this.p.rehearGainChangeDb
    );
  }

  private noteRejection(at: number): void {
    const r = this.recentRejections;
    r.push(at);
    r.sort((a, b) => a - b);
    while (r[0] !== undefined && r[0] < at - 2 * this.waryFor) r.shift();
  }

  private fail(error: unknown, settle: (score: number) => void): void {
    if (!this.failed) {
      this.failed = error ?? new Error('speech classifier failed');
      this.onError(this.failed);
    }
    this.failedSilent = false; // an error is for good (the watchdog marks its own failover after)
    settle(1); // without a classifier, the detector's verdict stands
  }

  /** A regular window rejected right after speech in the same segment is heard again a quarter
   *  window later: on real speech one window's score swings between 0.1 and 0.7 with a tenth of
   *  a second of position, and a cut should not rest on one of them. Decided on pairs of answered
   *  neighbours, as bisection is, so the order verdicts arrive in does not matter. */
  private confirmRejections(seg: GatedSegment): void {
    if (this.failed || !this.gainFinal(seg)) return;
    const threshold = this.p.speechScore;
    for (let k = 1; k < seg.checks.length; k++) {
      const [before, check] = [seg.checks[k - 1]!, seg.checks[k]!];
      if (!check.regular || check.confirmed || check.score === null || check.score >= threshold) continue;
      if (before.score === null || before.score < threshold) continue;
      check.confirmed = true;
      seg.confirmAt.push(check.at + Math.round(this.windowFrames / 4));
      seg.pending++;
    }
  }

  /** Adds a window between adjacent resolved checks that disagree, until they are close. */
  private bisect(seg: GatedSegment): void {
    if (this.failed || !this.gainFinal(seg)) return;
    const threshold = this.p.speechScore;
    for (let k = 0; k + 1 < seg.checks.length; k++) {
      const a = seg.checks[k]!;
      const b = seg.checks[k + 1]!;
      if (a.score === null || b.score === null) continue;
      if (a.score >= threshold === b.score >= threshold) continue;
      if (b.at - a.at <= this.bisectMin) continue;
      // A long first utterance is decided at its close, when its start may have left the history:
      // the verdicts there stand as they are. (Asking there is not a model that lags behind the
      // call, and must not fail it over for the rest of the call.)
      const middle = Math.round((a.at + b.at) / 2);
      if (!this.holds(middle)) continue;
      // Bisection is exempt from the cap: at most log2(stride / bisectMin) windows per change.
      this.classify(seg, middle, false);
      return;
    }
  }

  /** Issues what can be issued and releases what is decided, until neither moves: a segment's
   *  first check waits for the release of those before it (goesOnHeardTurn). */
  private advance(openEnd: number): void {
    do this.schedule(openEnd);
    while (this.releaseReady());
  }

  /** Releases the decided segments at the head of the queue; whether it released any. */
  private releaseReady(): boolean {
    let released = false;
    for (let seg = this.queue[0]; seg; seg = this.queue[0]) {
      if (seg.end === null || seg.pending > 0) break;
      if (!seg.done && seg.end > seg.start) break;
      this.queue.shift();
      this.releaseSpeech(seg);
      released = true;
    }
    return released;
  }

  /** Emits the parts of the segment whose nearest check said speech. */
  private releaseSpeech(seg: GatedSegment): void {
    const end = seg.end!;
    if (end <= seg.start) return;
    const checks = seg.checks;
    this.lastReleasedEnd = end;
    for (const check of checks) if (!check.skipped) this.lastHeardAt = Math.max(this.lastHeardAt, check.at);
    if (checks.length === 0) {
      this.release([seg.start, end]);
      return;
    }
    const half = this.windowFrames / 2;
    const speechRegions: FrameInterval[] = [];
    let mixed = false;
    let from = seg.start;
    for (const [k, check] of checks.entries()) {
      const next = checks[k + 1];
      const speech = check.skipped ? this.lastSpeech : check.score! >= this.p.speechScore;
      this.lastSpeech = speech;
      // Each check rules the frames nearer to its window's centre than to its neighbours'.
      const to = next ? Math.round((check.at + next.at) / 2 + half) : end;
      const regionEnd = Math.min(end, Math.max(from, to));
      if (speech && regionEnd > from) {
        // Sound between two stretches of speech that is shorter than a turn pause is a pause in
        // the utterance (a breath, a hesitation), not something else going on: it stays in.
        const previous = speechRegions.at(-1);
        if (previous && from - previous[1] < this.pauseFrames) previous[1] = regionEnd;
        else speechRegions.push([from, regionEnd]);
      }
      if (!speech) mixed = true;
      from = regionEnd;
    }
    for (const region of speechRegions) {
      // A segment that also holds music, typing or room noise has no silence to mark where speech
      // stops: the checks' ~1 s resolution is all there is, unless the speech stands out of that
      // background. Keep the frames that do (with the usual 0.3 s bridging).
      if (mixed && this.frame - region[0] <= LEVEL_MASK) this.releaseAboveBackground(region);
      else this.release(region);
    }
  }

  private releaseAboveBackground([start, end]: FrameInterval): void {
    const levels = this.levels;
    const bridge = Math.round(this.p.bridgeGapSec / this.p.frameSec);
    let pieceStart = -1;
    let lastActive = -1;
    for (let n = start; n < end; n++) {
      let quietest = Infinity;
      const lo = Math.max(start, n - this.backgroundReach);
      const hi = Math.min(end - 1, n + this.backgroundReach);
      for (let m = lo; m <= hi; m++) quietest = Math.min(quietest, levels[m & LEVEL_MASK]!);
      if (levels[n & LEVEL_MASK]! < quietest + this.p.speechOverBackgroundDb) continue;
      if (pieceStart >= 0 && n - lastActive >= bridge) {
        this.release([pieceStart, lastActive + 1]);
        pieceStart = -1;
      }
      if (pieceStart < 0) pieceStart = n;
      lastActive = n;
    }
    if (pieceStart >= 0) this.release([pieceStart, lastActive + 1]);
  }
}

function newSegment(start: number, firstWords: boolean): GatedSegment {
  return {
    start,
    end: null,
    checks: [],
    nextAt: null,
    done: false,
    pending: 0,
    firstWords,
    closedGainDb: null,
    confirmAt: [],
  };
}

function insertCheck(seg: GatedSegment, check: Check): void {
  const i = seg.checks.findIndex((c) => c.at > check.at);
  if (i < 0) seg.checks.push(check);
  else seg.checks.splice(i, 0, check);
}
