// Echo and bleed: with speakers instead of headphones (and imperfect echo cancellation) my mic
// also carries the remote voices, delayed and quieter. Such sound is not my speech. This learns
// the echo path from the levels alone (no audio kept): at which delay my mic's level follows the
// remote level, and how much quieter it is; then a mic frame counts only if it stands clearly
// above the echo predicted for it, which keeps my speech during double talk.
import type { EngineParams } from './params';

const GAIN_BINS = 100; // 1 dB bins for (mic − remote) level differences, −80..+20 dB
const GAIN_LOW_DB = -80;
/** Reverberation keeps echo sounding after the remote voice stops; the prediction decays
 *  at this rate instead of dropping at once (a 300 ms room tail loses ~60 dB). */
const TAIL_DECAY_DB_PER_FRAME = 2;
/** How often (teaching frames) the best delay is re-estimated. */
const REESTIMATE_EVERY = 50;

export class EchoModel {
  private readonly maxLag: number;
  private readonly decay: number;
  private readonly remote: Float64Array; // recent remote levels, dB
  private frame = 0;
  // Exponentially weighted sums for the correlation of my level with the remote level at each lag.
  private w = 0;
  private sx = 0;
  private sxx = 0;
  private readonly sy: Float64Array;
  private readonly syy: Float64Array;
  private readonly sxy: Float64Array;
  private readonly gainHist: Float64Array; // per lag, GAIN_BINS each
  private taught = 0;
  private bestLag = -1;
  private gainDb = 0;
  private present = false;
  private predictedDb = -120;

  constructor(private readonly p: EngineParams) {
    this.maxLag = Math.round(p.echoMaxDelaySec / p.frameSec);
    this.decay = Math.exp(-p.frameSec / p.echoMemorySec);
    this.remote = new Float64Array(this.maxLag + 2).fill(-120);
    this.sy = new Float64Array(this.maxLag + 1);
    this.syy = new Float64Array(this.maxLag + 1);
    this.sxy = new Float64Array(this.maxLag + 1);
    this.gainHist = new Float64Array((this.maxLag + 1) * GAIN_BINS);
  }

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
    if (this.present) {
      // The strongest remote frame around the learnt delay, for a path that smears over ±1 frame.
      let loudest = -120;
      for (let d = Math.max(0, this.bestLag - 1); d <= Math.min(this.maxLag, this.bestLag + 1); d++) {
        const v = this.remote[(this.frame - d + size * 2) % size];
        if (v > loudest) loudest = v;
      }
      predicted = Math.max(loudest + this.gainDb, this.predictedDb - TAIL_DECAY_DB_PER_FRAME);
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
    return { present: this.present, delaySec: Math.max(0, this.bestLag) * this.p.frameSec, gainDb: this.gainDb };
  }

  private teach(x: number): void {
    const { decay, remote, sy, syy, sxy, gainHist } = this;
    const size = remote.length;
    this.w = this.w * decay + 1;
    this.sx = this.sx * decay + x;
    this.sxx = this.sxx * decay + x * x;
    for (let d = 0; d <= this.maxLag; d++) {
      const y = remote[(this.frame - d + size) % size];
      sy[d] = sy[d] * decay + y;
      syy[d] = syy[d] * decay + y * y;
      sxy[d] = sxy[d] * decay + x * y;
      const bin = Math.min(GAIN_BINS - 1, Math.max(0, Math.floor(x - y - GAIN_LOW_DB)));
      gainHist[d * GAIN_BINS + bin] += 1;
    }
    if (++this.taught % REESTIMATE_EVERY === 0) this.reestimate();
  }

  private reestimate(): void {
    const { w, sx, sxx, sy, syy, sxy, gainHist } = this;
    const varX = sxx / w - (sx / w) ** 2;
    let best = -1;
    let bestCorr = -Infinity;
    for (let d = 0; d <= this.maxLag; d++) {
      const varY = syy[d] / w - (sy[d] / w) ** 2;
      const cov = sxy[d] / w - (sx / w) * (sy[d] / w);
      const corr = varX > 1e-9 && varY > 1e-9 ? cov / Math.sqrt(varX * varY) : 0;
      if (corr > bestCorr) {
        bestCorr = corr;
        best = d;
      }
    }
    // Age the gain histograms at the same pace as the sums.
    const age = Math.pow(this.decay, REESTIMATE_EVERY);
    for (let i = 0; i < gainHist.length; i++) gainHist[i] *= age;
    this.present = bestCorr >= this.p.echoPresentCorrelation;
    this.bestLag = best;
    if (this.present) this.gainDb = this.gainQuantile(best, 0.75);
  }

  /** The q-quantile of (mic − remote) at lag d: echo-only frames dominate the lower part;
   *  the upper quartile leaves room for the path's frame-to-frame scatter. */
  private gainQuantile(d: number, q: number): number {
    const base = d * GAIN_BINS;
    let total = 0;
    for (let b = 0; b < GAIN_BINS; b++) total += this.gainHist[base + b];
    let acc = 0;
    for (let b = 0; b < GAIN_BINS; b++) {
      acc += this.gainHist[base + b];
      if (acc >= q * total) return GAIN_LOW_DB + b + 0.5;
    }
    return GAIN_LOW_DB + GAIN_BINS;
  }
}
