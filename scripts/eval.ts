// `npm run eval`: the engine over ../shared/evalsets (synthetic scenes, and the real clips as the
// remote channel only), scored by the shared scorer, whose tables are printed as they come.
//   --stress     also score harder variants of the synthetic scenes (cli/stress-scenes.ts)
//   --no-model   the 10 ms detector alone
//   --params '{"speechScore":0.2}'   override engine parameters (for tuning)
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { predictReal, predictScenes, REAL_DIR, SCORER, scoreTable, SYNTHETIC_DIR } from '../cli/evaluate';
import { findModel } from '../cli/recording';
import { makeStressScenes } from '../cli/stress-scenes';

const { values: args } = parseArgs({ options: { stress: { type: 'boolean' }, 'no-model': { type: 'boolean' }, params: { type: 'string' } } });
if (!fs.existsSync(SCORER) || !fs.existsSync(SYNTHETIC_DIR)) {
  console.error(`eval: ${SCORER} or ${SYNTHETIC_DIR} not found: the evaluation sets live beside the checkout in ../shared`);
  process.exit(1);
}
const model = args['no-model'] ? null : findModel();
const options = args.params ? { params: JSON.parse(args.params) } : {};
console.log(`speech model: ${model ?? 'none (10 ms detector alone)'}\n`);
const synthetic = await predictScenes(SYNTHETIC_DIR, model, options);
console.log(`== synthetic scenes (${SYNTHETIC_DIR}); predictions in ${synthetic.predDir}`);
console.log(scoreTable(synthetic));
if (fs.existsSync(REAL_DIR)) {
  const real = await predictReal(model, options);
  console.log(`== real clips, others channel only (${REAL_DIR}); predictions in ${real.predDir}`);
  console.log(scoreTable(real));
}
if (args.stress) {
  const stress = await predictScenes(makeStressScenes(), model, options);
  console.log(`== harder variants of the synthetic scenes (${stress.truthDir})`);
  console.log(scoreTable(stress));
}
