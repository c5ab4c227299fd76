// The accuracy the engine is held to, set by set (issues 2 and 9): `npm run eval` prints each floor
// against what it measured, and tests/unit/engine/accuracy.test.ts asserts them. A floor marked
// `unmet` is a target the engine does not reach yet; it is printed as NOT MET and its test is
// skipped with the reason, never dropped.
import type { Scored, ScoreRow } from './evaluate';
import type { SetId } from './eval-sets';

export interface Floor {
  label: string;
  /** The sets it reads (all of them are scored before it is checked). */
  sets: readonly SetId[];
  /** With the YAMNet gate, or the 10 ms detector alone. */
  model: boolean;
  measure(scored: Partial<Record<SetId, Scored>>): number;
  atLeast?: number;
  atMost?: number;
  /** Why the target is not reached yet. */
  unmet?: string;
}

const sum = (rows: readonly ScoreRow[], f: (r: ScoreRow) => number) => rows.reduce((s, r) => s + f(r), 0);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** False interruptions and talk-overs (either party's) per 10 minutes of call. */
export function falseIntrusionsPer10Min(s: Scored): number {
  return sum(s.rows, (r) => r.events.intrusion.fp) / (sum(s.rows, (r) => r.duration) / 600);
}

/** The AMI clips of both sets (the pyannote sample in `real` is a telephone call). */
function roomClipsOthersF1(scored: Partial<Record<SetId, Scored>>): number {
  const rows = [...scored.real!.rows.filter((r) => r.id.startsWith('ami_')), ...scored.room!.rows];
  return mean(rows.map((r) => r.vadOthersF1));
}

const get = (id: SetId) => (scored: Partial<Record<SetId, Scored>>) => scored[id]!;

export const FLOORS: readonly Floor[] = [
  {
    label: 'synthetic: speech F1, me',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.vadSelfF1,
    atLeast: 0.98,
  },
  {
    label: 'synthetic: speech F1, others',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.vadOthersF1,
    atLeast: 0.99,
  },
  {
    label: 'synthetic: talk-share error, mean (pp)',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.talkShareErrPpMean,
    atMost: 1,
  },
  {
    label: 'synthetic: talk-share error, worst scene (pp)',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.talkShareErrPpMax,
    atMost: 2.5,
  },
  {
    label: 'synthetic: interruption F1',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.interruption.f1 ?? 0,
    atLeast: 0.9,
  },
  {
    label: 'synthetic: talk-over F1',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.talkover.f1 ?? 0,
    atLeast: 0.85,
  },
  {
    label: 'synthetic: backchannel F1',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.backchannel.f1 ?? 0,
    atLeast: 0.9,
  },
  {
    label: 'synthetic: backchannels reported as interruptions',
    sets: ['synthetic'],
    model: true,
    measure: (s) => get('synthetic')(s).summary.backchannelAsInterruption,
    atMost: 0,
  },
  {
    label: 'synthetic: response-gap error, worst scene (s)',
    sets: ['synthetic'],
    model: true,
    measure: (s) => Math.max(0, ...get('synthetic')(s).rows.map((r) => r.responseGapErr ?? 0)),
    atMost: 0.1,
  },
  {
    label: 'synthetic: longest-monologue error, worst scene (s)',
    sets: ['synthetic'],
    model: true,
    measure: (s) => Math.max(0, ...get('synthetic')(s).rows.map((r) => r.monologueErr ?? 0)),
    atMost: 1,
  },
  {
    label: 'real clips: speech F1, others',
    sets: ['real'],
    model: true,
    measure: (s) => get('real')(s).summary.vadOthersF1,
    atLeast: 0.9,
  },
  {
    label: 'telephone calls: speech F1, me',
    sets: ['telephone'],
    model: true,
    measure: (s) => get('telephone')(s).summary.vadSelfF1,
    atLeast: 0.95,
  },
  {
    label: 'telephone calls: speech F1, others',
    sets: ['telephone'],
    model: true,
    measure: (s) => get('telephone')(s).summary.vadOthersF1,
    atLeast: 0.95,
  },
  {
    label: 'telephone calls: talk-share error, mean (pp)',
    sets: ['telephone'],
    model: true,
    measure: (s) => get('telephone')(s).summary.talkShareErrPpMean,
    atMost: 1,
  },
  {
    label: 'telephone calls: talk-share error, worst side (pp)',
    sets: ['telephone'],
    model: true,
    measure: (s) => get('telephone')(s).summary.talkShareErrPpMax,
    atMost: 2.5,
  },
  {
    label: 'telephone calls: false interruptions + talk-overs per 10 min',
    sets: ['telephone'],
    model: true,
    measure: (s) => falseIntrusionsPer10Min(get('telephone')(s)),
    atMost: 1,
  },
  {
    label: 'telephone calls: true interruptions + talk-overs missed',
    sets: ['telephone'],
    model: true,
    measure: (s) => sum(get('telephone')(s).rows, (r) => r.events.intrusion.fn),
    atMost: 0,
    unmet:
      'MUL1423 at 85.3 s (counted from both sides): my onset is 0.40 s before the agent stops in the audio, an early ' +
      'response by metrics.md; the reference, whose edges keep ~50 ms of the corpus padding, has 0.54 s',
  },
  {
    label: 'room clips (AMI ×9): speech F1, others, mean',
    sets: ['real', 'room'],
    model: true,
    measure: roomClipsOthersF1,
    atLeast: 0.92,
    unmet:
      'ami_trn01 (0.26) and ami_trn02 (0.59): YAMNet scores trn01\u2019s annotated speech 0.08 (median) and its unannotated ' +
      'room sound up to 0.15; trn02’s one annotated utterance (0.7 s) is joined to the room sound just before it ' +
      '(onset 0.5 s early). Silero VAD scores 0.00 on both, WebRTC VAD 0.35 and 0.17',
  },
  {
    label: 'quiet mic (−40 dB): speech F1, me',
    sets: ['quietMic'],
    model: true,
    measure: (s) => get('quietMic')(s).summary.vadSelfF1,
    atLeast: 0.9,
  },
  {
    label: 'telephone calls, detector alone: speech F1, me',
    sets: ['telephone'],
    model: false,
    measure: (s) => get('telephone')(s).summary.vadSelfF1,
    atLeast: 0.85,
  },
  {
    label: 'telephone calls, detector alone: speech F1, others',
    sets: ['telephone'],
    model: false,
    measure: (s) => get('telephone')(s).summary.vadOthersF1,
    atLeast: 0.85,
  },
];

export function holds(floor: Floor, value: number): boolean {
  return (
    (floor.atLeast === undefined || value >= floor.atLeast) && (floor.atMost === undefined || value <= floor.atMost)
  );
}

export function describeFloor(floor: Floor): string {
  return floor.atLeast !== undefined ? `≥ ${floor.atLeast}` : `≤ ${floor.atMost}`;
}
