// The listening engine: two channels of audio in, who talks when out. One frame state machine
// serves the live extension, the `analyze` command and the tests (docs/algorithm.md):
//
//   samples ─► ChannelInput (10 ms frames, high-pass, short history)
//           ─► EchoModel (my mic only: drop what the remote channel explains)
//           ─► ActivityDetector (adaptive floor, hysteresis, 0.3 s bridging)
//           ─► SpeechGate (YAMNet: is this stretch speech at all?)
//           ─► SpeechStream (join, mute → side talk)
//           ─► ConversationTracker (turns, floor, interruptions, talk-overs, backchannels)
//
// No raw audio is kept beyond a few seconds of history for the classifier.
import { ChannelInput, powerToDb } from './channel-input';
import { ConversationTracker, liveFloor, type Segment } from './conversation';
import { ActivityDetector } from './detector';
import { EchoModel } from './echo';
import { SpeechGate, type FrameInterval } from './gate';
import { computeMetrics, ConversationTally, liveFigures } from './metrics';
import { ENGINE_PARAMS, validateParams, type EngineParams } from './params';
import { SpeechStream } from './speech-stream';
import type { AnalysisResult, ConversationEvent, Engine, EngineInit, Interval, LiveState, Party, Turn } from './types';

/** Audio kept for the classifier's look-back (checks, rechecks and bisection reach ~6 s back). */
const HISTORY_SEC = 20;

export interface EngineOptions extends EngineInit {
  params?: Partial<EngineParams>;
  /** Told when the classifier fails, lags behind the call or stops answering; the engine then
   *  goes on with the detector alone… */
  onClassifierError?: (error: unknown) => void;
  /** …until the classifier answers in time again (after a lag or a silence, never after an error). */
  onClassifierRecovered?: () => void;
  /** The wall clock in milliseconds, for the classifier watchdog only (tests pass their own). */
  nowMs?: () => number;
}

interface Channel {
  party: Party;
  input: ChannelInput;
  detector: ActivityDetector;
  gate: SpeechGate;
  stream: SpeechStream;
  segments: Interval[];
}

export function createEngine(options: EngineOptions): Engine {
  const p: EngineParams = { ...ENGINE_PARAMS, ...validateParams(options.params ?? {}) };
  const { sampleRate, classifier, nowMs = Date.now } = options;
  if (!(sampleRate >= 4000)) throw new RangeError(`unsupported sample rate ${sampleRate}`);
  const f = p.frameSec;
  const bridgeFrames = Math.round(p.bridgeGapSec / f);
  const samplesPerFrame = sampleRate * f;
  const tracker = new ConversationTracker(p);
  const tally = new ConversationTally();
  const echo = new EchoModel(p);
  const mutedFrames: FrameInterval[] = [];
  /** Channels whose gate is without the model just now. */
  const withoutModel = new Set<Party>();

  const makeChannel = (party: Party): Channel => {
    const input = new ChannelInput(sampleRate, HISTORY_SEC);
    const segments: Interval[] = [];
    const stream = new SpeechStream(party, bridgeFrames, party === 'self' ? mutedFrames : null, ([s, e]) => {
      segments.push([round2(s * f), round2(e * f)]);
      tracker.push({ party, start: s, end: e });
    });
    const gate = new SpeechGate(
      p,
      input,
      classifier,
      nowMs,
      (piece) => stream.add(piece),
      (error) => {
        if (withoutModel.size === 0) options.onClassifierError?.(error);
        withoutModel.add(party);
      },
      () => {
        withoutModel.delete(party);
        if (withoutModel.size === 0) options.onClassifierRecovered?.();
      },
      (frame) => detector.speechLevelAt(frame),
    );
    const detector = new ActivityDetector(p, (candidate, kept) => {
      if (kept) gate.close(candidate);
      else gate.discardOpen();
    });
    return { party, input, detector, gate, stream, segments };
  };
  const self = makeChannel('self');
  const others = makeChannel('others');
  const channels = [self, others];

  let frame = 0; // frames completed
  let nextBoundary = samplesPerFrame; // absolute sample index where the current frame ends
  let samples = 0;
  let finished: Promise<AnalysisResult> | null = null;

  function endFrame(): void {
    const selfDb = powerToDb(self.input.takeFramePower());
    const othersDb = powerToDb(others.input.takeFramePower());
    // The remote channel is loud enough to teach the echo path when well above its own floor.
    const othersFloor = others.detector.view().floorDb;
    const predictedEcho = echo.push(selfDb, othersDb, othersDb > othersFloor + p.echoTeachDb);
    const selfLevel = echo.explains(selfDb, predictedEcho) ? -120 : selfDb;
    others.detector.push(othersDb, othersDb);
    self.detector.push(selfLevel, selfDb);
    frame++;
    for (const [ch, level] of [
      [self, selfLevel],
      [others, othersDb],
    ] as const) {
      const view = ch.detector.view();
      ch.gate.tick(frame, view.openStart, view.openLastWarm, level);
    }
    settle();
  }

  /** Passes on whatever can no longer change, so the conversation can be decided up to there. */
  function settle(): void {
    for (const ch of channels) {
      const before = Math.min(ch.detector.settledBefore, ch.gate.settledBefore);
      tracker.settle(ch.party, ch.stream.settle(before));
    }
  }

  function push(selfBlock: Float32Array | null, othersBlock: Float32Array | null): void {
    if (finished) throw new Error('engine already finished');
    const length = selfBlock?.length ?? othersBlock?.length ?? 0;
    if (selfBlock && othersBlock && selfBlock.length !== othersBlock.length) {
      throw new RangeError('both channels must get blocks of the same length');
    }
    let i = 0;
    while (i < length) {
      const upTo = Math.min(length, i + Math.ceil(nextBoundary - samples));
      self.input.consume(selfBlock, i, upTo);
      others.input.consume(othersBlock, i, upTo);
      samples += upTo - i;
      i = upTo;
      if (samples >= nextBoundary) {
        endFrame();
        nextBoundary = Math.floor((frame + 1) * samplesPerFrame + 1e-9);
      }
    }
  }

  function setMuted(muted: boolean): void {
    const open = mutedFrames.at(-1);
    const isOpen = open !== undefined && open[1] === Infinity;
    if (muted && !isOpen) mutedFrames.push([frame, Infinity]);
    if (!muted && isOpen) open[1] = frame;
  }
  const isMutedNow = () => mutedFrames.at(-1)?.[1] === Infinity;

  function mutedSec(until: number): number {
    return mutedFrames.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, until) - s), 0) * f;
  }

  /** Unreleased speech of a channel: what the detector and gate hold, assumed speech until a
   *  verdict says otherwise. */
  function provisional(ch: Channel): FrameInterval[] {
    const out: FrameInterval[] = [];
    const held = ch.stream.pending;
    if (held) out.push([held[0], held[1]]);
    for (const s of ch.gate.provisional()) {
      if (s.rejected) continue;
      const view = ch.detector.view();
      const end = s.end ?? (view.openStart === s.start ? view.openLastWarm + 1 : s.start);
      if (end > s.start) out.push([s.start, end]);
    }
    return out;
  }

  /** The parts of my provisional speech outside muted stretches. */
  function unmuted(intervals: FrameInterval[]): FrameInterval[] {
    let out = intervals;
    for (const [ms, me] of mutedFrames) {
      out = out.flatMap(([s, e]): FrameInterval[] => {
        if (me <= s || ms >= e) return [[s, e]];
        const parts: FrameInterval[] = [];
        if (ms > s) parts.push([s, ms]);
        if (me < e) parts.push([me, e]);
        return parts;
      });
    }
    return out;
  }

  /** My speech and the others' so far; before the end, with the provisional tails (unmuted). */
  function speechSec(tails: { self: FrameInterval[]; others: FrameInterval[] }) {
    const frames = (xs: FrameInterval[]) => xs.reduce((sum, [a, b]) => sum + b - a, 0);
    return {
      selfSpeechSec: (self.stream.speechFrames + frames(tails.self)) * f,
      othersSpeechSec: (others.stream.speechFrames + frames(tails.others)) * f,
    };
  }

  function provisionalTails(final: boolean) {
    return final ? { self: [], others: [] } : { self: unmuted(provisional(self)), others: provisional(others) };
  }

  /** The turn whoever holds the floor is in, not yet among the tracker's turns. */
  function openTurn(): Turn | null {
    const cur = tracker.current;
    return cur.floor ? { by: cur.floor, start: round2(cur.turnStart * f), end: round2(cur.turnLastEnd * f) } : null;
  }

  function result(final: boolean): AnalysisResult {
    const conv = tracker.totals;
    const tails = provisionalTails(final);
    const durationSec = round2(frame * f);
    const open = final ? null : openTurn();
    const turns = open ? [...conv.turns, open] : [...conv.turns];
    const toSec = (xs: FrameInterval[]): Interval[] => xs.map(([s, e]) => [round2(s * f), round2(e * f)]);
    return {
      version: 1,
      durationSec,
      speechModel: classifier && withoutModel.size === 0 ? 'yamnet' : 'none',
      segments: {
        self: [...self.segments, ...toSec(tails.self)],
        others: [...others.segments, ...toSec(tails.others)],
      },
      turns,
      events: [...conv.events],
      metrics: computeMetrics(
        { ...conv, turns },
        {
          ...speechSec(tails),
          durationSec,
          mutedSec: mutedSec(frame),
          sideTalkSec: self.stream.sideTalkFrames * f,
        },
        p,
      ),
    };
  }

  /** Costs the same at any point of the call: nothing here walks the call's history. */
  function live(): LiveState {
    const now = frame;
    const recent = Math.round(p.bridgeGapSec / f);
    const speakingNow = (ch: Channel) => {
      const v = ch.detector.view();
      return v.openStart !== null && now - v.openLastWarm < recent;
    };
    const selfSpeaking = speakingNow(self) && !isMutedNow();
    const othersSpeaking = speakingNow(others);
    const tails = provisionalTails(false);
    const tail: Segment[] = [
      ...tracker.undecided,
      ...tails.self.map(([s, e]): Segment => ({ party: 'self', start: s, end: e })),
      ...tails.others.map(([s, e]): Segment => ({ party: 'others', start: s, end: e })),
    ];
    const { floor, turnStart } = liveFloor(tracker.current, tail, now, {
      backchannelMax: Math.round(p.backchannelMaxSec / f),
      takeAfterSilence: Math.round(p.liveTakeAfterSilenceSec / f),
    });
    const floorTurnSec = floor ? (now - turnStart) * f : 0;
    return {
      timeSec: now * f,
      selfSpeaking,
      othersSpeaking,
      muted: isMutedNow(),
      floor,
      floorTurnSec,
      selfTurnSec: floor === 'self' ? floorTurnSec : 0,
      ...liveFigures(tally.update(tracker.totals), speechSec(tails), openTurn()),
    };
  }

  async function finishEngine(): Promise<AnalysisResult> {
    if (samples > frame * samplesPerFrame + 0.5) endFrame(); // a last partial frame
    for (const ch of channels) ch.detector.flush();
    for (const ch of channels) ch.gate.flush(frame);
    while (channels.some((ch) => ch.gate.busy)) await new Promise((r) => setTimeout(r, 1));
    for (const ch of channels) ch.gate.flush(frame);
    for (const ch of channels) ch.stream.flush();
    tracker.finish();
    return result(true);
  }

  const taken = { self: 0, others: 0, turns: 0 };
  function takeDecided() {
    const segments = channels.flatMap((ch) =>
      ch.segments.slice(taken[ch.party]).map((interval) => ({ party: ch.party, interval })),
    );
    const turns = tracker.totals.turns.slice(taken.turns);
    taken.self = self.segments.length;
    taken.others = others.segments.length;
    taken.turns = tracker.totals.turns.length;
    return { segments, turns };
  }

  return {
    push,
    setMuted,
    live,
    takeEvents: (): ConversationEvent[] => tracker.takeEvents(),
    takeDecided,
    snapshot: () => result(false),
    finish: () => (finished ??= finishEngine()),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
