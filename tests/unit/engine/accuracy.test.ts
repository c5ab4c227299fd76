// The engine against ground truth with the shared scorer: every floor of cli/accuracy-floors.ts
// (issues 2 and 9), with the YAMNet gate and with the detector alone. Reads ../shared in place;
// skips without it, fails without it in CI. A floor the engine does not reach yet is skipped with
// its reason (and printed by `npm run eval` as NOT MET).
import { beforeAll, describe, expect, it } from 'vitest';
import { FLOORS, holds, describeFloor } from '../../../cli/accuracy-floors';
import { EVAL_SETS, scoreSet, type SetId } from '../../../cli/eval-sets';
import type { Analyzer, Scored } from '../../../cli/evaluate';
import { analyzeRecording } from '../../../cli/recording';
import { modelOrNull, sharedMissing } from '../../support/shared-data';

const sets = [...new Set(FLOORS.flatMap((f) => f.sets))];
const missing = sharedMissing('tools/score-scenes.mjs', ...new Set(sets.flatMap((id) => EVAL_SETS[id].needs)));
const model = missing ? null : modelOrNull();

for (const withModel of [true, false]) {
  const skip = missing ?? (withModel && !model ? 'no YAMNet model (run `npm run setup`)' : null);
  const floors = FLOORS.filter((f) => f.model === withModel);
  describe.skipIf(skip)(
    `accuracy ${withModel ? 'with the YAMNet speech gate' : 'of the detector alone'}${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const scored: Partial<Record<SetId, Scored>> = {};
      /** A batch run never lags: the model lost there is a bug (a long first utterance once did it). */
      const modelLost: string[] = [];
      beforeAll(async () => {
        const analyze: Analyzer = (rec, id) =>
          analyzeRecording(rec, withModel ? model : null, {
            onClassifierError: (error) => modelLost.push(`${id}: ${String(error)}`),
          });
        for (const id of new Set(floors.flatMap((f) => f.sets))) scored[id] = await scoreSet(id, analyze);
      }, 900_000);

      it('scores every scene', () => {
        for (const [id, s] of Object.entries(scored)) expect(s.summary.missing, id).toEqual([]);
      });
      if (withModel) it('keeps the speech model on every recording', () => expect(modelLost).toEqual([]));
      for (const floor of floors) {
        (floor.unmet ? it.skip : it)(
          `${floor.label} ${describeFloor(floor)}${floor.unmet ? ` — not met yet: ${floor.unmet}` : ''}`,
          () => {
            const value = floor.measure(scored);
            expect(holds(floor, value), `${floor.label} = ${value}`).toBe(true);
          },
        );
      }
    },
  );
}
