// The 10 ms speech-activity detector of one channel: an adaptive noise floor, two thresholds
// above it (hot opens a segment, warm keeps it going and sets its edges), gaps under 0.3 s bridged,
// blips too short to be speech dropped. It decides *when*; the speech gate decides *whether*.
import { median } from '../median';
import { quietChannelGainDb, type EngineParams } from './params';

/** A stretch of frames [start, end) that carries sound above the floor. */
export interface Candidate {
  start: number;
  end: number;
}

export interface DetectorView {
  /** Start frame of the segment in progress, or null. */
  openStart: number | null;
  /** Last frame of the open segment that was above the warm threshold. */
  openLastWarm: number;
  floorDb: number;
}

// Minimum statistics (after Martin 2001): the floor is the lowest level seen over the last
// floorWindowSec, kept as the minima of SUBWINDOWS parts of it.
const SUBWINDOWS = 8;
const FLOOR_LOWEST_DB = -100;
/** Frame levels kept for trimming edges: 2^14 frames ≈ 164 s; a longer segment keeps its start. */
const LEVEL_MASK = (1 << 14) - 1;
/** Speech-level changes remembered: far more than the segments within the classifier's reach. */
const LEVEL_HISTORY = 64;

export class ActivityDetector {
  private readonly hot: number;
  private readonly warm: number;
  private readonly minHotFrames: number;
  private readonly lookback: number;
  private readonly bridge: number;
  private readonly minFrames: number;
  private readonly creepPerFrame: number;
  private readonly subLen: number;

  private floor = NaN;
  /** The level this channel's speech reaches: the median of recent segments' peaks (dB), or
   *  -Infinity until there are enough of them. Sound far below it (a breath, lip noise, a click
   *  on a quiet line) neither opens a segment nor stretches one. */
  private speechLevel = -Infinity;
  /** How far the absolute levels (minimum hot and warm, digital silence) are lowered for this
   *  channel: the gain the classifier hears it with, so both hear a quiet mic as a normal one. */
  private quietBy = 0;
  private readonly recentPeaks: number[] = [];
  /** When the speech level changed: [frame, level], oldest first (the classifier asks what it was
   *  when a window's audio ended, so its gain never depends on when the window was sent). */
  private readonly levelHistory: [frame: number, levelDb: number][] = [];
  private openPeak = -Infinity;
  /** The last frames' powers (peakSmoothSec), for a segment's peak. */
  private readonly recentPower: Float64Array;
  /** Recent frame levels, to trim a closing segment's edges against its own peak. */
  private readonly levels = new Float32Array(LEVEL_MASK + 1);
  private readonly subMins = new Float64Array(SUBWINDOWS).fill(Infinity);
  private subIndex = 0;
  private subCount = 0;
  /** Recent frames' warm flags, for extending an onset backwards. */
  private readonly warmRing: Uint8Array;

  private openStart: number | null = null;
  private lastWarm = -1;
  private hotRun = 0;
  /** The current run of warm frames: where it began, and whether it holds a sustained hot run. */
  private warmRunStart = -1;
  private warmRunSustained = false;
  /** The open segment's speech-like core: from the warm run of its first sustained hot run to the
   *  end of the warm run of its last. Clicks before or after it (typing into speech) fall away. */
  private coreStart = -1;
  private coreEnd = -1;
  /** End of the last sustained warm run, and the warm run before the core (one each may join the
   *  core if within coreJoinSec: a word's first or last consonant, cut off by a short dip). */
  private sustainedEnd = -1;
  private previousRun: [number, number] | null = null;
  private frame = 0;

  constructor(
    private readonly p: EngineParams,
    /** Receives every segment that closes; `kept` is false for blips too short to be speech. */
    private readonly emit: (c: Candidate, kept: boolean) => void,
  ) {
    const f = p.frameSec;
    this.hot = p.hotDb;
    this.warm = p.warmDb;
    this.minHotFrames = Math.round(p.minHotSec / f);
    this.lookback = Math.round(p.onsetLookbackSec / f);
    this.bridge = Math.round(p.bridgeGapSec / f);
    this.minFrames = Math.round(p.minSegmentSec / f);
    this.creepPerFrame = p.floorCreepDbPerSec * f;
    this.subLen = Math.round(p.floorWindowSec / SUBWINDOWS / f);
    this.floorBias = p.floorBiasDb;
    this.coreJoin = Math.round(p.coreJoinSec / f);
    this.minWarmRun = Math.max(1, Math.round(p.minWarmRunSec / f));
    this.minPeaks = p.speechLevelMinSegments;
    this.recentPower = new Float64Array(Math.max(1, Math.round(p.peakSmoothSec / f)));
    this.warmRing = new Uint8Array(this.lookback + 1);
    this.minHot = p.minHotLevelDb;
    this.minWarm = p.minWarmLevelDb;
    this.hotBelowSpeech = p.hotBelowSpeechDb;
    this.warmBelowSpeech = p.warmBelowSpeechDb;
    this.peaksKept = p.speechLevelSegments;
    this.silence = p.digitalSilenceDb;
  }
  private readonly minHot: number;
  private readonly minWarm: number;
  private readonly hotBelowSpeech: number;
  private readonly warmBelowSpeech: number;
  private readonly peaksKept: number;
  private readonly silence: number;
  private readonly floorBias: number;
  private readonly coreJoin: number;
  private readonly minWarmRun: number;
  private readonly minPeaks: number;

  /**
   * Takes the next frame's level (dBFS, already smoothed by the caller). `floorLevelDb` is the
   * level the floor learns from (null: hold the floor, e.g. a frame explained by echo).
   */
  push(levelDb: number, floorLevelDb: number | null): void {
    const n = this.frame++;
    // Digital silence (a line or track switched off, codec DTX) says nothing about the room: it must
    // not drag the floor below the line's own noise, or that noise becomes talk when it returns.
    if (floorLevelDb !== null && floorLevelDb > this.silence - this.quietBy) this.learnFloor(floorLevelDb);
    const floor = Number.isNaN(this.floor) ? -Infinity : this.floor;
    const speech = this.speechLevel;
    const isWarm = levelDb >= Math.max(floor + this.warm, this.minWarm - this.quietBy, speech - this.warmBelowSpeech);
    const isHot = levelDb >= Math.max(floor + this.hot, this.minHot - this.quietBy, speech - this.hotBelowSpeech);
    this.recentPower[n % this.recentPower.length] = 10 ** (levelDb / 10);
    this.levels[n & LEVEL_MASK] = levelDb;
    this.warmRing[n % this.warmRing.length] = isWarm ? 1 : 0;
    this.hotRun = isHot ? this.hotRun + 1 : 0;

    if (this.openStart === null && isHot) {
      let start = n;
      while (start > 0 && n - (start - 1) <= this.lookback && this.warmRing[(start - 1) % this.warmRing.length])
        start--;
      this.openStart = start;
      this.lastWarm = n;
      this.coreStart = -1;
      this.coreEnd = -1;
      this.sustainedEnd = -1;
      this.previousRun = null;
      this.openPeak = -Infinity;
    }
    if (this.openStart !== null) {
      let sum = 0;
      for (const p of this.recentPower) sum += p;
      this.openPeak = Math.max(this.openPeak, 10 * Math.log10(Math.max(1e-12, sum / this.recentPower.length)));
    }
    if (isWarm && this.warmRunStart < 0) this.warmRunStart = n;
    if (!isWarm && this.warmRunStart >= 0) this.endWarmRun(n);
    if (this.hotRun >= this.minHotFrames && isWarm) {
      this.warmRunSustained = true;
      if (this.openStart !== null && this.coreStart < 0) {
        this.coreStart = Math.max(this.openStart, this.warmRunStart);
        const before = this.previousRun;
        if (before && this.coreStart - before[1] <= this.coreJoin) this.coreStart = Math.max(this.openStart, before[0]);
      }
    }
    if (this.openStart !== null) {
      // A lone frame above the threshold is noise scattering across it (10 ms levels of a telephone
      // line's noise spread ±3 dB) or a click (a line leaving digital silence, a tap): only a run of
      // them is sound going on.
      if (isWarm && n - this.warmRunStart + 1 >= this.minWarmRun) this.lastWarm = n;
      if (n - this.lastWarm >= this.bridge) this.close();
    }
  }

  private endWarmRun(n: number): void {
    if (this.openStart !== null) {
      if (this.warmRunSustained) {
        this.coreEnd = this.sustainedEnd = n;
      } else if (
        this.coreStart >= 0 &&
        this.sustainedEnd >= 0 &&
        this.warmRunStart - this.sustainedEnd <= this.coreJoin
      ) {
        this.coreEnd = n;
      } else if (this.coreStart < 0) {
        this.previousRun = [this.warmRunStart, n];
      }
    }
    this.warmRunStart = -1;
    this.warmRunSustained = false;
  }

  /** Closes a segment in progress (end of the call). */
  flush(): void {
    if (this.openStart === null) return;
    if (this.warmRunStart >= 0) this.endWarmRun(this.lastWarm + 1);
    this.close();
  }

  view(): DetectorView {
    return { openStart: this.openStart, openLastWarm: this.lastWarm, floorDb: this.floor };
  }

  /** Frames processed so far. */
  get frames(): number {
    return this.frame;
  }

  /** Earliest frame a segment not yet emitted could start at. */
  get settledBefore(): number {
    return this.openStart ?? Math.max(0, this.frame - this.lookback);
  }

  private close(): void {
    const opened = this.openStart!;
    this.openStart = null;
    if (this.coreStart < 0) return this.emit({ start: opened, end: this.lastWarm + 1 }, false);
    const [start, end] = this.trimToPeak(
      this.coreStart,
      this.coreEnd > this.coreStart ? this.coreEnd : this.lastWarm + 1,
    );
    const kept = end - start >= this.minFrames;
    if (kept) this.notePeak(this.openPeak);
    this.emit({ start, end }, kept);
  }

  /**
   * Moves a segment's edges in to where its own voice is: a breath, lip noise or line noise just
   * before or after speech can stand well above the floor (and above the channel's speech level
   * minus the margin, early in a call), but not near the segment's peak. The edges keep the frames
   * from the first to the last one within hotBelowSpeechDb of the peak, extended over the
   * contiguous frames within warmBelowSpeechDb of it (a word's quiet first and last sounds).
   */
  private trimToPeak(start: number, end: number): [number, number] {
    if (this.frame - start > LEVEL_MASK) return [start, end]; // its head is no longer held
    const levels = this.levels;
    const level = (m: number) => levels[m & LEVEL_MASK]!;
    const core = this.openPeak - this.hotBelowSpeech;
    const edge = this.openPeak - this.warmBelowSpeech;
    let first = start;
    while (first < end && level(first) < core) first++;
    let last = end - 1;
    while (last > first && level(last) < core) last--;
    if (first >= end) return [start, end];
    while (first > start && level(first - 1) >= edge) first--;
    while (last + 1 < end && level(last + 1) >= edge) last++;
    return [first, last + 1];
  }

  private notePeak(peakDb: number): void {
    const peaks = this.recentPeaks;
    peaks.push(peakDb);
    if (peaks.length > this.peaksKept) peaks.shift();
    // A median, so one loud bang or one faint word does not move it; a few segments before it counts.
    const level = median(peaks)!; // peaks holds the one just pushed
    if (peaks.length >= this.minPeaks) {
      this.speechLevel = level;
      this.quietBy = quietChannelGainDb(this.p, level);
    }
    this.levelHistory.push([this.frame, level]);
    if (this.levelHistory.length > LEVEL_HISTORY) this.levelHistory.shift();
  }

  /** How loud this channel's speech is (dB), as it was known after `frame` frames: the median peak
   *  of the segments closed by then, -Infinity before the first. */
  speechLevelAt(frame: number): number {
    const known = this.levelHistory.findLast(([at]) => at <= frame);
    return known ? known[1] : -Infinity;
  }

  private learnFloor(level: number): void {
    const i = this.subIndex;
    if (level < this.subMins[i]!) this.subMins[i] = level;
    if (++this.subCount === this.subLen) {
      this.subCount = 0;
      this.subIndex = (i + 1) % SUBWINDOWS;
      this.subMins[this.subIndex] = Infinity;
    }
    let lowest = Infinity;
    for (const min of this.subMins) if (min < lowest) lowest = min;
    const target = Math.max(FLOOR_LOWEST_DB, lowest + this.floorBias);
    // From digital silence (a mic that has just opened, a track switched off) the floor rises
    // freely to the first real room: no room is that quiet, so nothing above it is talk yet.
    if (Number.isNaN(this.floor) || target <= this.floor || this.floor <= FLOOR_LOWEST_DB) {
      this.floor = target;
    } else {
      // Inside a segment the floor may only creep up: sound that never stops (a fan, a music bed)
      // lifts it, slowly, while a long stretch of talk cannot. Between segments it follows freely.
      this.floor = this.openStart !== null ? Math.min(target, this.floor + this.creepPerFrame) : target;
    }
  }
}
