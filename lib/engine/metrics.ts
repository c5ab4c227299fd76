// Per-call metrics (metrics.md, "Per-call metrics") from the conversation totals.
import type { ConversationTotals } from './conversation';
import type { CallMetrics } from './types';
import type { EngineParams } from './params';

export interface SpeechTotals {
  selfSpeechSec: number;
  othersSpeechSec: number;
  durationSec: number;
  mutedSec: number;
  sideTalkSec: number;
}

export function computeMetrics(conv: ConversationTotals, speech: SpeechTotals, p: EngineParams): CallMetrics {
  const count = (type: string, by: string) => conv.events.filter((e) => e.type === type && e.by === by).length;
  const longest = (by: string) => Math.max(0, ...conv.turns.filter((t) => t.by === by).map((t) => t.end - t.start));
  const { selfSpeechSec, othersSpeechSec, durationSec } = speech;
  const total = selfSpeechSec + othersSpeechSec;
  const backchannelsBySelf = count('backchannel', 'self');
  const othersMinutes = othersSpeechSec / 60;
  return {
    selfSpeechSec: round(selfSpeechSec, 2),
    othersSpeechSec: round(othersSpeechSec, 2),
    talkShare: total > 0 ? round(selfSpeechSec / total, 4) : 0,
    interruptionsBySelf: count('interruption', 'self'),
    interruptionsOfSelf: count('interruption', 'others'),
    talkoversBySelf: count('talkover', 'self'),
    talkoversOfSelf: count('talkover', 'others'),
    backchannelsBySelf,
    backchannelsByOthers: count('backchannel', 'others'),
    backchannelsPerOthersMin: othersMinutes >= 1 ? round(backchannelsBySelf / othersMinutes, 2) : null,
    earlyResponsesBySelf: conv.earlyResponsesBySelf,
    longestMonologueSec: round(longest('self'), 2),
    othersLongestTurnSec: round(longest('others'), 2),
    medianResponseGapSec: conv.responseGaps.length ? round(median(conv.responseGaps), 2) : null,
    quickResponses: conv.responseGaps.filter((g) => g < p.quickResponseSec).length,
    turnSwitchesPerMin: durationSec > 0 ? round(conv.turnSwitches / (durationSec / 60), 2) : 0,
    mutedSec: round(speech.mutedSec, 2),
    sideTalkSec: round(speech.sideTalkSec, 2),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
