// Echo and bleed: with speakers instead of headphones (and imperfect echo cancellation) my mic
// also carries the remote voices, delayed and quieter. Such sound is not my speech. This learns
// the echo path from the levels alone (no audio kept): at which delay my mic's level follows the
// remote level, and how much quieter it is; then a mic frame counts only if it stands clearly
// above the echo predicted for it, which keeps my speech during double talk.
import type { EngineParams } from './params';

const GAIN_BINS = 100; // 1 dB bins for (mic − remote) level differences, −80..+20 dB
const GAIN_LOW_DB = -80;
/** How often (teaching frames) the best delay is re-estimated. */
const REESTIMATE_EVERY = 50;

export class EchoModel {
  private readonly maxLag: number;
  private readonly age: number;
  private readonly remote: Float64Array; // recent remote levels, dB
  private frame = 0;
  /** Per lag, a histogram of (mic − remote) level differences over frames where the remote
   *  channel is loud. Where an echo path exists, one lag has a sharp peak at the path's gain;
   *  my own speech during those frames (double talk) only spreads mass elsewhere. */
  private readonly gainHist: Float64Array;
  /** Per lag, the teaching frames whose difference fell outside the histogram. */
  private readonly outside: Float64Array;
  private taught = 0;
  private bestLag = 0;
  private gainDb = 0;
  private present = false;
  private predictedDb = -120;

  constructor(private readonly p: EngineParams) {
    this.maxLag = Math.round(p.echoMaxDelaySec / p.frameSec);
    this.age = Math.exp((-p.frameSec * REESTIMATE_EVERY) / p.echoMemorySec);
    this.remote = new Float64Array(this.maxLag + 2).fill(-120);
    this.gainHist = new Float64Array((this.maxLag + 1) * GAIN_BINS);
    this.outside = new Float64Array(this.maxLag + 1);
    this.learnFrames = Math.round(p.echoLearnSec / p.frameSec);
    this.tailDecayPerFrame = p.echoTailDecayDbPerSec * p.frameSec;
  }
  private readonly learnFrames: number;
  private readonly tailDecayPerFrame: number;

  /**
   * Takes this frame's mic and remote levels (dB) and whether the remote channel is clearly
   * speaking (loud enough to teach the echo path). Returns the echo level predicted in the mic
   * for this frame, dB (-120 when no echo path is known).
   */
  push(micDb: number, remoteDb: number, remoteLoud: boolean): number {
    const size = this.remote.length;
    this.remote[this.frame % size] = remoteDb;
    if (remoteLoud && this.frame >= this.maxLag) this.teach(micDb);
    let predicted = -120;
    if (this.taught < this.learnFrames) {
      // Not yet learnt: assume the worst plausible path (any delay, echoPriorDb) so the first
      // seconds of a call do not count leaked remote voices as mine. My own voice, as loud as
      // the remote one or louder, still passes.
      let loudest = -120;
      for (let d = 0; d <= this.maxLag; d++) loudest = Math.max(loudest, this.remoteAgo(d));
      predicted = loudest + this.p.echoPriorDb;
    } else if (this.present) {
      // The strongest remote frame around the learnt delay, for a path that smears over ±1 frame.
      let loudest = -120;
      for (let d = Math.max(0, this.bestLag - 1); d <= Math.min(this.maxLag, this.bestLag + 1); d++) {
        const v = this.remoteAgo(d);
        if (v > loudest) loudest = v;
      }
      predicted = Math.max(loudest + this.gainDb, this.predictedDb - this.tailDecayPerFrame);
    }
    this.predictedDb = predicted;
    this.frame++;
    return predicted;
  }

  /** Whether a mic frame at `micDb` is explained by the echo predicted for it. */
  explains(micDb: number, predictedDb: number): boolean {
    return micDb < predictedDb + this.p.echoMarginDb;
  }

  describe(): { present: boolean; delaySec: number; gainDb: number } {
    return { present: this.present, delaySec: this.bestLag * this.p.frameSec, gainDb: this.gainDb };
  }

  /** The remote level `framesAgo` frames before this one (at most maxLag). */
  private remoteAgo(framesAgo: number): number {
    const size = this.remote.length;
    return this.remote[(this.frame - framesAgo + size) % size]!;
  }

  private teach(micDb: number): void {
    const { gainHist } = this;
    for (let d = 0; d <= this.maxLag; d++) {
      // A difference outside the histogram (my voice far above the remote one, a mic far below
      // it) is evidence against a path at this lag, not for one at the edge: piled into the end
      // bins it made a dense false "path" on a loud telephone line.
      const bin = Math.floor(micDb - this.remoteAgo(d) - GAIN_LOW_DB);
      if (bin >= 0 && bin < GAIN_BINS) gainHist[d * GAIN_BINS + bin]! += 1;
      else this.outside[d]! += 1;
    }
    if (++this.taught % REESTIMATE_EVERY === 0) this.reestimate();
  }

  private reestimate(): void {
    const { gainHist } = this;
    const densities: number[] = [];
    let bestDensity = -1;
    let bestLag = 0;
    let bestBin = 0;
    const band = Math.round(this.p.echoPathBandDb);
    for (const [d, outside] of this.outside.entries()) {
      const hist = gainHist.subarray(d * GAIN_BINS, (d + 1) * GAIN_BINS);
      let total = outside;
      for (const count of hist) total += count;
      // The densest band of level differences at this lag (bins are 1 dB wide).
      let run = 0;
      let densest = 0;
      let densestAt = 0;
      for (let b = 0; b < GAIN_BINS; b++) {
        run += hist[b]!;
        if (b >= band) run -= hist[b - band]!;
        if (run > densest) {
          densest = run;
          densestAt = b - band + 1;
        }
      }
      const density = total > 0 ? densest / total : 0;
      densities.push(density);
      if (density > bestDensity) {
        bestDensity = density;
        bestLag = d;
        bestBin = densestAt;
      }
    }
    densities.sort((a, b) => a - b);
    const typical = densities[densities.length >> 1]!;
    // An echo path shows as one lag far more consistent than the rest; without one, every lag
    // scatters alike. Until enough frames have taught it, assume none.
    // Once found, a path is kept through stretches of double talk that blur its peak a little.
    const hold = this.present ? this.p.echoPathHold : 1;
    this.present =
      this.taught >= this.learnFrames &&
      bestDensity >= this.p.echoPathMinShare * hold &&
      bestDensity >= this.p.echoPathContrast * hold * typical;
    this.bestLag = bestLag;
    // The upper edge of the peak: the loudest the echo usually gets relative to the remote voice.
    this.gainDb = GAIN_LOW_DB + bestBin + band;
    for (let i = 0; i < gainHist.length; i++) gainHist[i]! *= this.age;
    for (let d = 0; d < this.outside.length; d++) this.outside[d]! *= this.age;
  }
}
