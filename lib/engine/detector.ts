// The 10 ms speech-activity detector of one channel: an adaptive noise floor, two thresholds
// above it (hot opens a segment, warm keeps it going and sets its edges), gaps under 0.3 s bridged,
// blips too short to be speech dropped. It decides *when*; the speech gate decides *whether*.
import type { EngineParams } from './params';

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

// Minimum statistics (after Martin 2001): the floor is the lowest smoothed level seen over the
// last SUBWINDOWS × subwindow frames, so it follows a room that gets noisier within ~2 s while
// speech, which always dips between words, cannot pull it up.
const SUBWINDOWS = 8;
const SUBWINDOW_SEC = 0.25;
/** 10 ms frame levels of steady noise scatter a few dB around their mean; the minimum of that
 *  scatter sits below the mean by about this much. */
const MIN_STAT_BIAS_DB = 2;
const FLOOR_LOWEST_DB = -100;
/** A word's first or last consonant may sit apart from its vowel by a short dip; keystrokes before
 *  or after speech are usually further away. */
const CORE_JOIN_FRAMES = 10;

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
   *  core if within CORE_JOIN_FRAMES: a word's first or last consonant, cut off by a short dip). */
  private sustainedEnd = -1;
  private previousRun: [number, number] | null = null;
  private frame = 0;

  constructor(
    p: EngineParams,
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
    this.subLen = Math.round(SUBWINDOW_SEC / f);
    this.warmRing = new Uint8Array(this.lookback + 1);
    this.minHot = p.minHotLevelDb;
    this.minWarm = p.minWarmLevelDb;
  }
  private readonly minHot: number;
  private readonly minWarm: number;

  /**
   * Takes the next frame's level (dBFS, already smoothed by the caller). `floorLevelDb` is the
   * level the floor learns from (null: hold the floor, e.g. a frame explained by echo).
   */
  push(levelDb: number, floorLevelDb: number | null): void {
    const n = this.frame++;
    if (floorLevelDb !== null) this.learnFloor(floorLevelDb);
    const floor = this.floor;
    const isWarm = levelDb >= Math.max(floor + this.warm, this.minWarm);
    const isHot = levelDb >= Math.max(floor + this.hot, this.minHot);
    this.warmRing[n % this.warmRing.length] = isWarm ? 1 : 0;
    this.hotRun = isHot ? this.hotRun + 1 : 0;

    if (this.openStart === null && isHot) {
      let start = n;
      while (start > 0 && n - (start - 1) <= this.lookback && this.warmRing[(start - 1) % this.warmRing.length]) start--;
      this.openStart = start;
      this.lastWarm = n;
      this.coreStart = -1;
      this.coreEnd = -1;
      this.sustainedEnd = -1;
      this.previousRun = null;
    }
    if (isWarm && this.warmRunStart < 0) this.warmRunStart = n;
    if (!isWarm && this.warmRunStart >= 0) this.endWarmRun(n);
    if (this.hotRun >= this.minHotFrames && isWarm) {
      this.warmRunSustained = true;
      if (this.openStart !== null && this.coreStart < 0) {
        this.coreStart = Math.max(this.openStart, this.warmRunStart);
        const before = this.previousRun;
        if (before && this.coreStart - before[1] <= CORE_JOIN_FRAMES) this.coreStart = Math.max(this.openStart, before[0]);
      }
    }
    if (this.openStart !== null) {
      if (isWarm) this.lastWarm = n;
      if (n - this.lastWarm >= this.bridge) this.close();
    }
  }

  private endWarmRun(n: number): void {
    if (this.openStart !== null) {
      if (this.warmRunSustained) {
        this.coreEnd = this.sustainedEnd = n;
      } else if (this.coreStart >= 0 && this.sustainedEnd >= 0 && this.warmRunStart - this.sustainedEnd <= CORE_JOIN_FRAMES) {
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
    const end = this.coreEnd > this.coreStart ? this.coreEnd : this.lastWarm + 1;
    this.emit({ start: this.coreStart, end }, end - this.coreStart >= this.minFrames);
  }

  private learnFloor(level: number): void {
    const i = this.subIndex;
    if (level < this.subMins[i]) this.subMins[i] = level;
    if (++this.subCount === this.subLen) {
      this.subCount = 0;
      this.subIndex = (i + 1) % SUBWINDOWS;
      this.subMins[this.subIndex] = Infinity;
    }
    let lowest = Infinity;
    for (let k = 0; k < SUBWINDOWS; k++) if (this.subMins[k] < lowest) lowest = this.subMins[k];
    const target = Math.max(FLOOR_LOWEST_DB, lowest + MIN_STAT_BIAS_DB);
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
