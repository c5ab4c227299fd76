// `npm run eval`: the engine over every evaluation set (cli/eval-sets.ts), scored by the shared
// scorer, whose tables are printed as they come, then the accuracy floors (cli/accuracy-floors.ts)
// against what was measured.
//   --stress     also the harder variants of the synthetic scenes
//   --no-model   the 10 ms detector alone
//   --sets telephone,room   only these sets
//   --params '{"hotBelowSpeechDb":30}'   override engine parameters (for tuning)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeFloor, FLOORS, holds } from '../cli/accuracy-floors';
import { EVAL_SETS, SET_IDS, scoreSet, type SetId } from '../cli/eval-sets';
import { engineAnalyzer, scoreTable, SHARED_DIR, type Scored } from '../cli/evaluate';
import { findModel } from '../cli/recording';

const { values: args } = parseArgs({
  options: {
    stress: { type: 'boolean' },
    'no-model': { type: 'boolean' },
    sets: { type: 'string' },
    params: { type: 'string' },
  },
});
const model = args['no-model'] ? null : findModel();
const chosen = (args.sets?.split(',') ?? SET_IDS.filter((id) => id !== 'stress' || args.stress)) as SetId[];
for (const id of chosen) {
  if (!EVAL_SETS[id]) {
    console.error(`eval: no set "${id}" (sets: ${SET_IDS.join(', ')})`);
    process.exit(2);
  }
  for (const need of EVAL_SETS[id].needs) {
    if (!fs.existsSync(path.join(SHARED_DIR, need))) {
      console.error(
        `eval: ${path.join(SHARED_DIR, need)} not found: the evaluation sets live beside the checkout in ../shared`,
      );
      process.exit(1);
    }
  }
}
const analyze = engineAnalyzer(model, args.params ? { params: JSON.parse(args.params) } : {});
console.log(`speech model: ${model ?? 'none (10 ms detector alone)'}\n`);
const scored: Partial<Record<SetId, Scored>> = {};
for (const id of chosen) {
  const result = await scoreSet(id, analyze);
  scored[id] = result;
  console.log(`== ${EVAL_SETS[id].title}; predictions in ${result.set.predDir}`);
  console.log(scoreTable(result.set));
}

console.log(`== floors (${model ? 'with the YAMNet gate' : 'the detector alone'})`);
for (const floor of FLOORS.filter((f) => f.model === !!model && f.sets.every((id) => scored[id]))) {
  const value = floor.measure(scored);
  const verdict = holds(floor, value) ? 'ok' : floor.unmet ? 'NOT MET (known)' : 'FAILS';
  console.log(
    `${floor.label.padEnd(64)} ${value.toFixed(3).padStart(7)}  ${describeFloor(floor).padEnd(7)} ${verdict}`,
  );
  if (!holds(floor, value) && floor.unmet) console.log(`    why: ${floor.unmet}`);
}
