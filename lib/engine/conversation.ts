// Turns, the floor and overlap events from the two parties' speech segments (metrics.md).
// Incremental: segments arrive as they are finalised; each is decided as soon as everything the
// rules need to look at has arrived (at most ~3.5 s later), so memory stays flat and the final
// answer is the same however the audio was chunked.
import type { EngineParams } from './params';
import type { ConversationEvent, Party, Turn } from './types';

/** A party's speech segment in frames [start, end). */
export interface Segment {
  party: Party;
  start: number;
  end: number;
}

interface OpenTurn {
  by: Party;
  start: number;
  /** End of the holder's latest segment in this turn. */
  lastEnd: number;
  /** End of the listener's latest backchannel: the holder's pause is counted from there. */
  heardUntil: number;
}

export interface ConversationTotals {
  turns: Turn[];
  events: ConversationEvent[];
  /** Pauses before my turns that followed someone else's (seconds; negative = early). */
  responseGaps: number[];
  earlyResponsesBySelf: number;
  turnSwitches: number;
}

const other = (p: Party): Party => (p === 'self' ? 'others' : 'self');

export class ConversationTracker {
  private readonly pending: Segment[] = [];
  /** Every segment of a party that starts before this frame has been pushed. */
  private readonly known: Record<Party, number> = { self: 0, others: 0 };
  private turn: OpenTurn | null = null;
  private readonly f: number;
  private readonly frames: {
    turnPause: number;
    backchannelMax: number;
    intrusionMin: number;
    yieldMin: number;
    yieldMax: number;
    early: number;
    falseStartPause: number;
    minEvent: number;
    maxResponseGap: number;
  };
  readonly totals: ConversationTotals = {
    turns: [],
    events: [],
    responseGaps: [],
    earlyResponsesBySelf: 0,
    turnSwitches: 0,
  };
  /** Events decided since the last `takeEvents`. */
  private fresh: ConversationEvent[] = [];

  constructor(p: EngineParams) {
    this.f = p.frameSec;
    const fr = (sec: number) => Math.round(sec / p.frameSec);
    this.frames = {
      turnPause: fr(p.turnPauseSec),
      backchannelMax: fr(p.backchannelMaxSec),
      intrusionMin: fr(p.intrusionMinSec),
      yieldMin: fr(p.yieldMinSec),
      yieldMax: fr(p.yieldMaxSec),
      early: fr(p.earlyResponseSec),
      falseStartPause: fr(p.falseStartPauseSec),
      minEvent: fr(p.minEventSec),
      maxResponseGap: fr(p.maxResponseGapSec),
    };
  }

  /** Adds a finalised segment (in start order per party). */
  push(seg: Segment): void {
    // Shorter than any word: a click the gate let through is talk time, never an event or a turn.
    if (seg.end - seg.start < this.frames.minEvent) {
      this.known[seg.party] = Math.max(this.known[seg.party], seg.start);
      return;
    }
    const after = this.pending.findLastIndex((p) => p.start <= seg.start);
    this.pending.splice(after + 1, 0, seg);
    this.known[seg.party] = Math.max(this.known[seg.party], seg.start);
  }

  /** Declares that every segment of `party` starting before `frame` has been pushed. */
  settle(party: Party, frame: number): void {
    this.known[party] = Math.max(this.known[party], frame);
    this.advance();
  }

  /** End of the call: decides everything left. */
  finish(): void {
    this.known.self = Infinity;
    this.known.others = Infinity;
    this.advance();
    if (this.turn) this.closeTurn();
  }

  takeEvents(): ConversationEvent[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** The floor as decided so far, with the open turn. */
  get current(): { floor: Party | null; turnStart: number; turnLastEnd: number } {
    return { floor: this.turn?.by ?? null, turnStart: this.turn?.start ?? 0, turnLastEnd: this.turn?.lastEnd ?? 0 };
  }

  /** Segments pushed but not yet decided (for the live view). */
  get undecided(): readonly Segment[] {
    return this.pending;
  }

  private advance(): void {
    for (let seg = this.pending[0]; seg; seg = this.pending[0]) {
      if (seg.start >= this.known[other(seg.party)]) return; // an earlier segment may still come
      const turn = this.turn;
      if (turn && seg.party !== turn.by) {
        // A listener's segment: whether it goes on after a short pause (a false start) is known a
        // false-start pause past its end; the rules then look a turn pause past the attempt's end.
        if (
          seg.end - seg.start < this.frames.backchannelMax &&
          this.known[seg.party] <= seg.end + this.frames.falseStartPause
        )
          return;
        const attempt = this.attempt(seg, turn);
        if (this.known[turn.by] <= Math.max(attempt.end, turn.lastEnd) + this.frames.turnPause) return;
        this.pending.shift();
        if (attempt.continuation) this.pending.splice(this.pending.indexOf(attempt.continuation), 1);
        this.decideListener({ party: seg.party, start: seg.start, end: attempt.end }, turn);
      } else {
        this.pending.shift();
        this.continueOrStart(seg);
      }
    }
  }

  /**
   * What the listener attempts from `seg` on: a short piece followed closely by a long one, with no
   * new segment of the holder between, is one attempt that began with the short piece (a false
   * start: "but—", a pause, then talking on), not a backchannel and then a separate intrusion.
   */
  private attempt(seg: Segment, turn: OpenTurn): { end: number; continuation: Segment | null } {
    const F = this.frames;
    if (seg.end - seg.start >= F.backchannelMax) return { end: seg.end, continuation: null };
    const next = this.pending.find((s) => s !== seg && (s.party === seg.party || s.start >= seg.end));
    const continues =
      next !== undefined &&
      next.party === seg.party &&
      next.start - seg.end < F.falseStartPause &&
      next.end - next.start >= F.backchannelMax &&
      !this.pending.some((s) => s.party === turn.by && s.start > seg.start && s.start < next.start);
    return continues ? { end: next.end, continuation: next } : { end: seg.end, continuation: null };
  }

  /** The holder speaks again, or someone speaks into an empty floor. */
  private continueOrStart(seg: Segment): void {
    const turn = this.turn;
    if (turn && seg.party === turn.by && seg.start - Math.max(turn.lastEnd, turn.heardUntil) < this.frames.turnPause) {
      turn.lastEnd = Math.max(turn.lastEnd, seg.end);
      return;
    }
    if (turn) this.closeTurn();
    this.turn = { by: seg.party, start: seg.start, lastEnd: seg.end, heardUntil: 0 };
  }

  private decideListener(seg: Segment, turn: OpenTurn): void {
    const F = this.frames;
    const holder = turn.by;
    const length = seg.end - seg.start;
    // The holder stops where their speech ends, unless they talk on over the listener: a pause
    // (a breath) that ends while the listener is still talking does not stop them.
    const overlaps = seg.start < turn.lastEnd;
    const holderGoesOn: Segment[] = [];
    let holderEnd = turn.lastEnd;
    for (const s of overlaps ? this.pending : []) {
      if (s.party !== holder || s.start >= seg.end) continue;
      if (s.start - holderEnd >= F.turnPause) break;
      holderGoesOn.push(s);
      holderEnd = Math.max(holderEnd, s.end);
    }
    const resumes = this.pending.find((s) => s.party === holder && s.start > seg.start && !holderGoesOn.includes(s));
    // The holder carries on: still talking when the listener stops, or again soon after (or before).
    const carriesOn = holderEnd > seg.end || (resumes !== undefined && resumes.start - seg.end < F.turnPause);
    const takeOver = (event: 'interruption' | null, early: boolean) => {
      // The holder's speech over the listener ends their turn; it is not a reply of its own.
      for (const s of holderGoesOn) this.pending.splice(this.pending.indexOf(s), 1);
      turn.lastEnd = holderEnd;
      if (event) {
        this.event(event, seg);
        this.switchTo(seg);
      } else {
        this.takeFloor(seg, holderEnd, early);
      }
    };

    if (!overlaps) {
      // Into a pause of the holder.
      const pause = seg.start - turn.lastEnd;
      if (pause < F.turnPause && length < F.backchannelMax && carriesOn) return this.backchannel(seg, turn);
      return this.takeFloor(seg, turn.lastEnd, false);
    }
    // Overlap: the listener starts while the holder is speaking.
    const yieldAfter = holderEnd - seg.start;
    if (length < F.backchannelMax) {
      if (carriesOn) return this.backchannel(seg, turn);
      return takeOver(null, yieldAfter < F.early);
    }
    if (yieldAfter < F.early) return takeOver(null, true);
    // The holder gave way within 2 s, or talked on but was outlasted: the listener took the floor.
    if (yieldAfter <= F.yieldMax || seg.end > holderEnd) return takeOver('interruption', false);
    this.event('talkover', seg);
  }

  /** A backchannel does not end the holder's turn: their pause counts from its end. */
  private backchannel(seg: Segment, turn: OpenTurn): void {
    turn.heardUntil = Math.max(turn.heardUntil, seg.end);
    this.event('backchannel', seg);
  }

  /** The listener takes the floor after (or just before) the holder's end: a response. */
  private takeFloor(seg: Segment, holderEnd: number, early: boolean): void {
    const gap = seg.start - holderEnd;
    if (seg.party === 'self' && gap <= this.frames.maxResponseGap) {
      this.totals.responseGaps.push(gap * this.f);
      if (early) this.totals.earlyResponsesBySelf++;
    }
    this.switchTo(seg);
  }

  private switchTo(seg: Segment): void {
    this.closeTurn();
    this.totals.turnSwitches++;
    this.turn = { by: seg.party, start: seg.start, lastEnd: seg.end, heardUntil: 0 };
  }

  private closeTurn(): void {
    const t = this.turn!;
    this.totals.turns.push({ by: t.by, start: round2(t.start * this.f), end: round2(t.lastEnd * this.f) });
    this.turn = null;
  }

  private event(type: ConversationEvent['type'], seg: Segment): void {
    const e: ConversationEvent = { type, by: seg.party, at: round2(seg.start * this.f) };
    this.totals.events.push(e);
    this.fresh.push(e);
  }
}

/**
 * The floor right now, for the overlay: the decided floor moved on by the undecided tail (segments
 * that arrive within the last seconds, the open ones ending `now`). A listener takes it once they
 * have talked for `backchannelMax`, or as soon as they talk into the holder's silence of at least
 * `takeAfterSilence` frames: quick enough to show a turn change within a fraction of a second, at
 * the price of a brief flicker for an "mm-hm" in a pause (the decided figures never flicker).
 */
export function liveFloor(
  decided: { floor: Party | null; turnStart: number; turnLastEnd: number },
  tail: readonly Segment[],
  now: number,
  frames: { backchannelMax: number; takeAfterSilence: number },
): { floor: Party | null; turnStart: number } {
  let { floor, turnStart } = decided;
  let holderEnd = decided.turnLastEnd;
  for (const seg of [...tail].sort((a, b) => a.start - b.start)) {
    if (seg.party === floor) {
      holderEnd = Math.max(holderEnd, seg.end);
      continue;
    }
    const talkedLongEnough = Math.min(seg.end, now) - seg.start >= frames.backchannelMax;
    const intoSilence =
      seg.start - holderEnd >= frames.takeAfterSilence ||
      (seg.end >= now && now - holderEnd >= frames.takeAfterSilence);
    if (floor === null || talkedLongEnough || intoSilence) {
      floor = seg.party;
      turnStart = seg.start;
      holderEnd = seg.end;
    }
  }
  return { floor, turnStart };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
