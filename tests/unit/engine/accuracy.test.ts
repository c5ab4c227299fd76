// The engine against ground truth with the shared scorer (issue 2's floors). Reads ../shared in
// place; skips without it, fails without it in CI.
import { beforeAll, describe, expect, it } from 'vitest';
import { predictReal, predictScenes, scoreSummary, SYNTHETIC_DIR, type ScoreSummary } from '../../../cli/evaluate';
import { modelOrNull, sharedMissing } from '../../support/shared-data';

const missing = sharedMissing('evalsets/synthetic/index.json', 'evalsets/real', 'tools/score-scenes.mjs');
const model = missing ? null : modelOrNull();
const skip = missing ?? (model ? null : 'no YAMNet model (run `npm run setup`)');

describe.skipIf(skip)(`accuracy with the YAMNet speech gate${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let synthetic: { summary: ScoreSummary; rows: Record<string, unknown>[] };
  let real: { summary: ScoreSummary; rows: Record<string, unknown>[] };
  beforeAll(async () => {
    synthetic = scoreSummary(await predictScenes(SYNTHETIC_DIR, model));
    real = scoreSummary(await predictReal(model));
  }, 600_000);

  it('finds who speaks when on the synthetic scenes', () => {
    expect(synthetic.summary.missing).toEqual([]);
    expect(synthetic.summary.vadSelfF1).toBeGreaterThanOrEqual(0.98);
    expect(synthetic.summary.vadOthersF1).toBeGreaterThanOrEqual(0.99);
  });

  it('measures talk share within 1 pp on average and 2.5 pp at worst', () => {
    expect(synthetic.summary.talkShareErrPpMean).toBeLessThanOrEqual(1);
    expect(synthetic.summary.talkShareErrPpMax).toBeLessThanOrEqual(2.5);
  });

  it('finds interruptions, talk-overs and backchannels, never a backchannel as an interruption', () => {
    expect(synthetic.summary.interruption.f1).toBeGreaterThanOrEqual(0.9);
    expect(synthetic.summary.talkover.f1).toBeGreaterThanOrEqual(0.85);
    expect(synthetic.summary.backchannel.f1).toBeGreaterThanOrEqual(0.9);
    expect(synthetic.summary.backchannelAsInterruption).toBe(0);
  });

  it('measures the response gap within 0.1 s and the longest monologue within 1 s, scene by scene', () => {
    for (const row of synthetic.rows as { id: string; responseGapErr: number | null; monologueErr: number | null }[]) {
      if (row.responseGapErr !== null) expect(row.responseGapErr, row.id).toBeLessThanOrEqual(0.1);
      if (row.monologueErr !== null) expect(row.monologueErr, row.id).toBeLessThanOrEqual(1);
    }
  });

  it('hears the others in real meetings (AMI, pyannote sample): F1 ≥ 0.90 on average', () => {
    expect(real.summary.missing).toEqual([]);
    expect(real.summary.vadOthersF1).toBeGreaterThanOrEqual(0.9);
  });
});
