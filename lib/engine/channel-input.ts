// One channel's audio on its way in: high-pass filtered, cut into 10 ms frames (mean power per
// frame), and kept for a few seconds so the speech classifier can look back at a segment.

/** Power of a frame in dBFS; silence maps to -120 rather than -Infinity. */
export function powerToDb(power: number): number {
  return power > 1e-12 ? 10 * Math.log10(power) : -120;
}

export class ChannelInput {
  private readonly history: Float32Array;
  private written = 0;
  private sumSquares = 0;
  private count = 0;
  // First-order high-pass (≈100 Hz): removes DC offsets and handling rumble, which carry energy
  // but no speech, so the detector's floor reflects the room rather than the hardware.
  private readonly hpCoef: number;
  private prevIn = 0;
  private prevOut = 0;

  constructor(
    readonly sampleRate: number,
    historySec: number,
  ) {
    this.history = new Float32Array(Math.ceil(historySec * sampleRate));
    this.hpCoef = Math.exp((-2 * Math.PI * 100) / sampleRate);
  }

  /** Adds samples [from, to) of `block` (or silence when block is null) to the current frame. */
  consume(block: Float32Array | null, from: number, to: number): void {
    const { history, hpCoef } = this;
    const size = history.length;
    let pos = this.written % size;
    let sum = this.sumSquares;
    let prevIn = this.prevIn;
    let prevOut = this.prevOut;
    for (let i = from; i < to; i++) {
      const x = block ? block[i]! : 0;
      const y = hpCoef * (prevOut + x - prevIn);
      prevIn = x;
      prevOut = y;
      sum += y * y;
      history[pos] = x;
      if (++pos === size) pos = 0;
    }
    this.sumSquares = sum;
    this.prevIn = prevIn;
    this.prevOut = prevOut;
    this.count += to - from;
    this.written += to - from;
  }

  /** Mean power of the samples consumed since the previous call. */
  takeFramePower(): number {
    const power = this.count > 0 ? this.sumSquares / this.count : 0;
    this.sumSquares = 0;
    this.count = 0;
    return power;
  }

  /** How many of the latest samples `read` can give back. */
  get historySamples(): number {
    return this.history.length;
  }

  /** Samples written so far (absolute index of the next sample). */
  get samplesWritten(): number {
    return this.written;
  }

  /**
   * Copies `length` samples starting at absolute sample `start` into a new array; samples not
   * (or no longer) held read as silence.
   */
  read(start: number, length: number): Float32Array {
    const out = new Float32Array(length);
    const size = this.history.length;
    const oldest = Math.max(0, this.written - size);
    for (let i = 0; i < length; i++) {
      const at = start + i;
      if (at >= oldest && at < this.written) out[i] = this.history[at % size]!;
    }
    return out;
  }
}
