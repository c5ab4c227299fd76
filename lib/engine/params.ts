// Every threshold of the engine in one place, in seconds or decibels. The conversation rules come
// from shared/docs/metrics.md; the detector values were tuned on the synthetic scenes and checked on
// the real AMI and pyannote clips with `npm run eval` (docs/algorithm.md explains each stage).

export const ENGINE_PARAMS = {
  /** Analysis frame: metrics.md scores speech activity at 10 ms. */
  frameSec: 0.01,

  // ── 10 ms speech-activity detector (per channel) ──────────────────────────────────────────
  /** A frame this far above the noise floor can open a segment. */
  hotDb: 10,
  /** A frame this far above the noise floor keeps a segment going and extends its edges. */
  warmDb: 4.5,
  /** Levels below these (dBFS) are never speech, however quiet the room: dither, not talk. */
  minHotLevelDb: -72,
  minWarmLevelDb: -82,
  /** Frames quieter than this (dBFS) are digital silence — a muted track, codec DTX, a line that is
   *  off — and do not teach the noise floor. Line and room noise sit well above it. */
  digitalSilenceDb: -85,
  /** Relative to the channel's own speech level (the median peak of its recent segments): a frame
   *  must come within hotBelowSpeechDb of it to open a segment and within warmBelowSpeechDb to
   *  extend one. */
  hotBelowSpeechDb: 30,
  warmBelowSpeechDb: 45,
  /** How many recent segments' peaks the speech level is the median of. */
  speechLevelSegments: 9,
  /** A segment needs this long a run of hot frames: a syllable lasts longer, while clicks and
   *  keystrokes (even many in a row) are each shorter. */
  minHotSec: 0.06,
  /** How far back from its first hot frame a segment's start may reach over warm frames. */
  onsetLookbackSec: 0.25,
  /** Gaps shorter than this inside a segment are bridged (metrics.md). */
  bridgeGapSec: 0.3,
  /** Inside a segment the noise floor rises at most this fast (dB/s): sound that never stops
   *  (a fan, a music bed) becomes background, a long stretch of talk does not. */
  floorCreepDbPerSec: 10,

  // ── Echo and bleed: remote voices leaking into my mic ─────────────────────────────────────
  /** Longest acoustic + processing delay from the remote channel to my mic. */
  echoMaxDelaySec: 0.4,
  /** Memory of the echo-path estimate (exponential), so it follows a change of speakers/headset. */
  echoMemorySec: 30,
  /** The remote channel must be this far above its floor for a frame to teach the echo path. */
  echoTeachDb: 15,
  /** My speech must stand this far above the predicted echo to count (double talk still counts). */
  echoMarginDb: 6,

  // ── YAMNet speech gate (per candidate segment) ────────────────────────────────────────────
  /** YAMNet's input: 15,600 samples at 16 kHz. */
  windowSec: 0.975,
  /** The first window starts this much before a segment's onset. */
  windowLeadSec: 0.05,
  /** A window with a speech score (lib/engine/yamnet.ts) at or above this is speech. On the
   *  scenes typing, music and silence score ≤ 0.03 and speech mostly > 0.4; far-field speech in
   *  the AMI room scores 0.15–0.3 while its room noise scores 0.02–0.08. */
  speechScore: 0.12,
  /** Long segments are checked again this often, so speech that turns into music (or typing
   *  that runs into speech) is caught… */
  recheckEverySec: 6,
  /** …and this often while the channel has lately had sound the classifier rejected (music,
   *  typing, a noisy room), where speech and non-speech interleave within one segment. */
  recheckWaryEverySec: 1,
  /** How long a rejection keeps the channel wary. */
  waryForSec: 20,
  /** When two checks disagree, windows are added between them down to this spacing. */
  bisectMinSec: 0.5,
  /** Segments shorter than this are dropped without asking the classifier. */
  minSegmentSec: 0.08,
  /** Cap on regular checks per channel, counted over each 10 s of audio, so a pathological input
   *  (endless typing) cannot burn the CPU; a skipped check inherits the verdict before it. */
  classifierBudgetPerSec: 1,
  /** Windows of a channel whose speech peaks below this (dBFS of a 10 ms frame) are raised to it
   *  before YAMNet hears them. A mic 40 dB quieter than the scenes' (peaks near −55) scores as
   *  speech again from −40 on (quiet-mic scenes: my F1 0.985 with −40 or −20, 0.30 without); the
   *  AMI room clips (peaks −30 to −36) must not be raised: with −20 or −30 their distant room
   *  noise read as talk (others' F1 on ami_dev01 0.93 → 0.86)… */
  classifierSpeechLevelDb: -40,
  /** …by at most this much: a channel quieter still is taken as it is. */
  classifierMaxBoostDb: 40,

  // ── Turns and events (metrics.md) ─────────────────────────────────────────────────────────
  /** A party's segments join into one turn across pauses shorter than this. */
  turnPauseSec: 1.5,
  /** Listener speech shorter than this, with the floor holder carrying on, is a backchannel. */
  backchannelMaxSec: 1.0,
  /** An interruption or talk-over needs the listener to keep talking this long. */
  intrusionMinSec: 1.0,
  /** Holder stopping within [yieldMinSec, yieldMaxSec] after the onset: interruption;
   *  still talking after yieldMaxSec: talk-over. */
  yieldMinSec: 0.5,
  yieldMaxSec: 2.0,
  /** An overlap starting in the holder's last 0.5 s is an early response (video-call delay). */
  earlyResponseSec: 0.5,
  /** Speech shorter than this takes part in no event and starts no turn: the shortest backchannel
   *  of the scenes lasts 0.27 s and of the real calls 0.36 s, while clicks that pass for speech
   *  last 10–90 ms. */
  minEventSec: 0.15,
  /** A listener's short piece followed within this pause by talk of a second or more, with no new
   *  speech of the holder between, is a false start of that talk, not a backchannel. A restart
   *  after a hesitation comes within a breath; an "mm-hm" that precedes an attempt stands apart. */
  falseStartPauseSec: 1.0,
  /** A response starting less than this after (or before) the other turn's end is quick. */
  quickResponseSec: 0.2,
} as const;

export type EngineParams = { -readonly [K in keyof typeof ENGINE_PARAMS]: number };
