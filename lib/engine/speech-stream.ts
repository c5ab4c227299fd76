// The last stage of a channel: gated speech pieces joined across gaps under 0.3 s into the
// channel's segments, muted stretches taken out of my talk (kept as side talk), and each segment
// passed on once nothing later can still join it.
import type { FrameInterval } from './gate';
import type { Party } from './types';

export class SpeechStream {
  /** The latest segment, held back while a piece arriving within the bridge gap could extend it. */
  private held: FrameInterval | null = null;
  speechFrames = 0;
  sideTalkFrames = 0;

  constructor(
    readonly party: Party,
    private readonly bridgeFrames: number,
    /** Muted stretches (frames); an open one ends at Infinity. Only my channel has them. */
    private readonly muted: FrameInterval[] | null,
    private readonly emit: (segment: FrameInterval) => void,
  ) {}

  /** Takes the gate's next speech piece (in time order). */
  add(piece: FrameInterval): void {
    const held = this.held;
    if (held && piece[0] - held[1] < this.bridgeFrames) {
      held[1] = Math.max(held[1], piece[1]);
      return;
    }
    if (held) this.pass(held);
    this.held = [piece[0], piece[1]];
  }

  /** Everything before `frame` is final on this channel: release what can no longer change. */
  settle(frame: number): number {
    if (this.held && frame >= this.held[1] + this.bridgeFrames) {
      this.pass(this.held);
      this.held = null;
    }
    return this.held ? this.held[0] : frame;
  }

  flush(): void {
    if (this.held) this.pass(this.held);
    this.held = null;
  }

  /** The held segment, not yet passed on (for the live view). */
  get pending(): FrameInterval | null {
    return this.held;
  }

  private pass([start, end]: FrameInterval): void {
    let from = start;
    for (const [ms, me] of this.muted ?? []) {
      if (me <= from || ms >= end) continue;
      if (ms > from) this.talk(from, ms);
      const sideEnd = Math.min(end, me);
      this.sideTalkFrames += sideEnd - Math.max(from, ms);
      from = sideEnd;
      if (from >= end) return;
    }
    this.talk(from, end);
  }

  private talk(start: number, end: number): void {
    if (end <= start) return;
    this.speechFrames += end - start;
    this.emit([start, end]);
  }
}
