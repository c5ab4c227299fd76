// Per-call metrics (metrics.md, "Per-call metrics") from the conversation totals.
import { median } from '../median';
import type { ConversationTotals } from './conversation';
import type { CallMetrics, ConversationEvent, LiveFigures, OverlapEventType, Party, Turn } from './types';
import type { EngineParams } from './params';

export interface SpeechTotals {
  selfSpeechSec: number;
  othersSpeechSec: number;
  durationSec: number;
  mutedSec: number;
  sideTalkSec: number;
}

/**
 * Event counts and longest turns, folded in as the conversation's totals grow (they only ever
 * grow): the overlay looks at the live figures ten times a second, and that look must cost the
 * same in a call's fourth hour as in its first minute.
 */
export class ConversationTally {
  private readonly counts = new Map<string, number>();
  private readonly longest: Record<Party, number> = { self: 0, others: 0 };
  private eventsSeen = 0;
  private turnsSeen = 0;

  /** Takes in the events and turns added since the last update. */
  update(totals: { events: readonly ConversationEvent[]; turns: readonly Turn[] }): this {
    for (const { type, by } of totals.events.slice(this.eventsSeen)) {
      this.counts.set(`${type} ${by}`, this.count(type, by) + 1);
    }
    this.eventsSeen = totals.events.length;
    for (const turn of totals.turns.slice(this.turnsSeen)) this.note(turn);
    this.turnsSeen = totals.turns.length;
    return this;
  }

  count(type: OverlapEventType, by: Party): number {
    return this.counts.get(`${type} ${by}`) ?? 0;
  }

  /** The longest turn of `by`, counting a turn still open (not yet in the totals) when given. */
  longestTurnSec(by: Party, open: Turn | null = null): number {
    return open?.by === by ? Math.max(this.longest[by], open.end - open.start) : this.longest[by];
  }

  private note(turn: Turn): void {
    this.longest[turn.by] = Math.max(this.longest[turn.by], turn.end - turn.start);
  }
}

/** The figures the overlay shows live; the same numbers the call's metrics carry. */
export function liveFigures(
  tally: ConversationTally,
  speech: Pick<SpeechTotals, 'selfSpeechSec' | 'othersSpeechSec'>,
  openTurn: Turn | null,
): LiveFigures {
  const { selfSpeechSec, othersSpeechSec } = speech;
  const total = selfSpeechSec + othersSpeechSec;
  return {
    selfSpeechSec: round(selfSpeechSec, 2),
    othersSpeechSec: round(othersSpeechSec, 2),
    talkShare: total > 0 ? round(selfSpeechSec / total, 4) : 0,
    interruptionsBySelf: tally.count('interruption', 'self'),
    interruptionsOfSelf: tally.count('interruption', 'others'),
    talkoversBySelf: tally.count('talkover', 'self'),
    talkoversOfSelf: tally.count('talkover', 'others'),
    backchannelsBySelf: tally.count('backchannel', 'self'),
    backchannelsByOthers: tally.count('backchannel', 'others'),
    longestMonologueSec: round(tally.longestTurnSec('self', openTurn), 2),
    othersLongestTurnSec: round(tally.longestTurnSec('others', openTurn), 2),
  };
}

export function computeMetrics(conv: ConversationTotals, speech: SpeechTotals, p: EngineParams): CallMetrics {
  const live = liveFigures(new ConversationTally().update(conv), speech, null);
  const othersMinutes = speech.othersSpeechSec / 60;
  const medianGap = median(conv.responseGaps);
  return {
    selfSpeechSec: live.selfSpeechSec,
    othersSpeechSec: live.othersSpeechSec,
    talkShare: live.talkShare,
    interruptionsBySelf: live.interruptionsBySelf,
    interruptionsOfSelf: live.interruptionsOfSelf,
    talkoversBySelf: live.talkoversBySelf,
    talkoversOfSelf: live.talkoversOfSelf,
    backchannelsBySelf: live.backchannelsBySelf,
    backchannelsByOthers: live.backchannelsByOthers,
    backchannelsPerOthersMin: othersMinutes >= 1 ? round(live.backchannelsBySelf / othersMinutes, 2) : null,
    earlyResponsesBySelf: conv.earlyResponsesBySelf,
    longestMonologueSec: live.longestMonologueSec,
    othersLongestTurnSec: live.othersLongestTurnSec,
    medianResponseGapSec: medianGap === null ? null : round(medianGap, 2),
    quickResponses: conv.responseGaps.filter((g) => g < p.quickResponseSec).length,
    turnSwitchesPerMin: speech.durationSec > 0 ? round(conv.turnSwitches / (speech.durationSec / 60), 2) : 0,
    mutedSec: round(speech.mutedSec, 2),
    sideTalkSec: round(speech.sideTalkSec, 2),
  };
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
