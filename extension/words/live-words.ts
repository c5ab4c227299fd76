// The words during a call, inside the capture AudioWorklet beside the engine (when "Understand
// words, on this device" is on): my speech segments, as the engine finalises them, go to the
// recogniser worker a segment at a time; when a turn of mine closes, its text is read into counts
// (lib/words/) and let go. The other side's turn before mine is transcribed only when my turn
// could restate it (lib/words/categories.ts: needsPreviousTurn). Audio is held in short rings
// (the last minute of my mic, 20 s of the others) and text only until its turn is read: what a
// call keeps are the counts. Plain TypeScript with no worklet globals, so Node tests drive it.
import type { Engine, Interval, Turn } from '../../lib/engine/types';
import { TURN_PAD_SEC } from '../../lib/words/call-words';
import { needsPreviousTurn } from '../../lib/words/categories';
import type { StoredWords } from '../../lib/words/counts';
import { WordTally } from '../../lib/words/tally';
import { openPortChannel, type PortChannel } from '../channels/port-channel';
import type { RecogniserToWorklet, WorkletToRecogniser } from '../channels/worklet-recogniser';

/** My mic's last minute: a segment is released seconds after it ends, a short one may wait for
 *  its turn to close. */
const SELF_RING_SEC = 60;
/** The others' last 20 s: their turn's tail is taken when it closes, within ~4 s of its end. */
const OTHERS_RING_SEC = 20;
/** A restatement repeats what was just said: the others' turn's last 15 s are enough. */
const PREVIOUS_TURN_MAX_SEC = 15;
/** Segments at least this long are not backchannels (metrics.md: under 1 s): transcribed at once.
 *  Shorter ones wait until a turn of mine claims them. */
const SURE_SEGMENT_SEC = 1;

type Decided = ReturnType<Engine['takeDecided']>;

/** The last `seconds` of a channel, as 16-bit samples (half the memory of floats). */
export class AudioRing {
  private readonly data: Int16Array;
  /** Samples pushed since the call's start: the engine's clock. */
  written = 0;

  constructor(
    seconds: number,
    readonly sampleRate: number,
  ) {
    this.data = new Int16Array(Math.round(seconds * sampleRate));
  }

  /** Appends a block of `length` samples (null: as long a silence). */
  push(block: Float32Array | null, length: number): void {
    const n = this.data.length;
    for (let i = 0; i < length; i++) {
      const x = block ? Math.max(-1, Math.min(1, block[i]!)) : 0;
      this.data[(this.written + i) % n] = Math.round(x * 32767);
    }
    this.written += length;
  }

  /** Seconds [from, to) of the call, clipped to what is still held; null when none of it is. */
  read(fromSec: number, toSec: number): Float32Array | null {
    const first = Math.max(Math.round(fromSec * this.sampleRate), this.written - this.data.length, 0);
    const end = Math.min(Math.round(toSec * this.sampleRate), this.written);
    if (end <= first) return null;
    const out = new Float32Array(end - first);
    for (let i = first; i < end; i++) out[i - first] = this.data[i % this.data.length]! / 32767;
    return out;
  }
}

interface HeldSegment {
  interval: Interval;
  /** undefined: not back yet; null: not transcribed. */
  text?: string | null;
  requested: boolean;
}

interface PendingTurn {
  turn: Turn;
  segments: HeldSegment[];
  /** The others' turn just before, held as audio until this turn is read. */
  previous: Float32Array | null;
  previousText?: string | null;
  previousRequested: boolean;
}

export class LiveWords {
  private readonly self: AudioRing;
  private readonly others: AudioRing;
  private readonly tally: WordTally;
  /** My segments not yet claimed by a read turn. */
  private segments: HeldSegment[] = [];
  private readonly turns: PendingTurn[] = [];
  private heldPrevious: { turn: Turn; audio: Float32Array } | null = null;
  private readonly recogniser: PortChannel<WorkletToRecogniser>;
  private available = true;
  /** finish() waiting for the last turns to be read. */
  private onDrained: (() => void) | null = null;

  constructor(
    private readonly sampleRate: number,
    private readonly port: MessagePort,
    keepMyQuestions: boolean,
  ) {
    this.self = new AudioRing(SELF_RING_SEC, sampleRate);
    this.others = new AudioRing(OTHERS_RING_SEC, sampleRate);
    this.tally = new WordTally({ keepQuestions: keepMyQuestions });
    this.recogniser = openPortChannel<WorkletToRecogniser, RecogniserToWorklet>(port, {
      messages: {
        ready: ({ ok }) => {
          if (!ok) this.unavailable();
        },
      },
    });
  }

  /** The same blocks the engine gets, on the same clock. */
  push(self: Float32Array | null, others: Float32Array | null, length: number): void {
    this.self.push(self, length);
    this.others.push(others, length);
  }

  /** What the engine finalised since the last look (Engine.takeDecided). */
  take({ segments, turns }: Decided): void {
    for (const { party, interval } of segments) {
      if (party !== 'self') continue;
      const held: HeldSegment = { interval, requested: false };
      this.segments.push(held);
      if (interval[1] - interval[0] >= SURE_SEGMENT_SEC) this.request(held);
    }
    for (const turn of turns) {
      if (turn.by === 'others') {
        this.holdPrevious(turn);
        continue;
      }
      // My segments before this turn were not in any turn of mine (backchannels, talk-overs).
      const mine = this.segments.filter((s) => s.interval[1] > turn.start - 0.01 && s.interval[0] < turn.end + 0.01);
      this.segments = this.segments.filter((s) => s.interval[0] >= turn.end + 0.01);
      for (const s of mine) if (!s.requested) this.request(s);
      const previous =
        this.heldPrevious && this.heldPrevious.turn.end <= turn.start + 0.5 ? this.heldPrevious.audio : null;
      this.heldPrevious = null;
      this.turns.push({ turn, segments: mine, previous, previousRequested: false });
    }
    this.advance();
  }

  report(): StoredWords {
    const questions = this.tally.questionTexts;
    return { ...this.tally.counts, ...(questions ? { myQuestions: [...questions] } : {}) };
  }

  /**
   * The call is over (after Engine.finish): the last turns are read when their text is back, for
   * at most `timeoutMs`; whatever is still out then counts as missed.
   */
  async finish(last: Decided, timeoutMs: number): Promise<StoredWords> {
    this.take(last);
    if (this.turns.length > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.onDrained = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      this.onDrained = null;
    }
    this.turns.splice(0).forEach(() => this.tally.missed());
    this.recogniser.close();
    this.port.close();
    return this.report();
  }

  private holdPrevious(turn: Turn): void {
    const from = Math.max(turn.start, turn.end - PREVIOUS_TURN_MAX_SEC) - TURN_PAD_SEC;
    const audio = this.others.read(from, turn.end + TURN_PAD_SEC);
    this.heldPrevious = audio ? { turn, audio } : null;
  }

  private request(segment: HeldSegment): void {
    segment.requested = true;
    const [start, end] = segment.interval;
    const audio = this.self.read(start - TURN_PAD_SEC, end + TURN_PAD_SEC);
    this.transcribe(audio, (text) => {
      segment.text = text;
    });
  }

  private transcribe(audio: Float32Array | null, done: (text: string | null) => void): void {
    if (!audio || !this.available) {
      done(null);
      return;
    }
    void this.recogniser
      .request('transcribe', { samples: audio, sampleRate: this.sampleRate }, { transfer: [audio.buffer] })
      .then((text) => {
        done(text);
        this.advance();
      });
  }

  /** Without a recogniser every turn still waiting, and every later one, counts as missed. */
  private unavailable(): void {
    this.available = false;
    this.recogniser.close();
    this.advance();
  }

  /** Reads the closed turns, oldest first, as their text comes back. */
  private advance(): void {
    for (;;) {
      const pending = this.turns[0];
      if (!pending) break;
      if (pending.segments.some((s) => s.text === undefined)) return;
      const heard = pending.segments.filter((s) => s.text !== null);
      const text = heard
        .map((s) => s.text)
        .join(' ')
        .trim();
      if (pending.previous && !pending.previousRequested && needsPreviousTurn(text)) {
        pending.previousRequested = true;
        this.transcribe(pending.previous, (t) => {
          pending.previousText = t;
        });
      }
      if (pending.previousRequested && pending.previousText === undefined) return;
      this.turns.shift();
      if (heard.length === 0) {
        this.tally.missed();
        continue;
      }
      if (pending.previousText) this.tally.heard(pending.previousText);
      const speechSec = heard.reduce(
        (sum, s) =>
          sum + Math.max(0, Math.min(s.interval[1], pending.turn.end) - Math.max(s.interval[0], pending.turn.start)),
        0,
      );
      this.tally.said(text, speechSec);
    }
    this.onDrained?.();
  }
}
