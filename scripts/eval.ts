// `npm run eval`: the engine over ../shared/evalsets (synthetic scenes, and the real clips as the
// remote channel only), scored by the shared scorer, whose tables are printed as they come.
import fs from 'node:fs';
import { predictReal, predictSynthetic, REAL_DIR, SCORER, scoreTable, SYNTHETIC_DIR } from '../cli/evaluate';
import { findModel } from '../cli/recording';

const noModel = process.argv.includes('--no-model');
if (!fs.existsSync(SCORER) || !fs.existsSync(SYNTHETIC_DIR)) {
  console.error(`eval: ${SCORER} or ${SYNTHETIC_DIR} not found: the evaluation sets live beside the checkout in ../shared`);
  process.exit(1);
}
const model = noModel ? null : findModel();
console.log(`speech model: ${model ?? 'none (10 ms detector alone)'}\n`);
const synthetic = await predictSynthetic(model);
console.log(`== synthetic scenes (${SYNTHETIC_DIR}); predictions in ${synthetic.predDir}`);
console.log(scoreTable(synthetic));
if (fs.existsSync(REAL_DIR)) {
  const real = await predictReal(model);
  console.log(`== real clips, others channel only (${REAL_DIR}); predictions in ${real.predDir}`);
  console.log(scoreTable(real));
}
