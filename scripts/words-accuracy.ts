// How well the words work, measured (docs/words.md, "Accuracy"):
//   - word error rate of the recogniser on the real calls' utterances (8 kHz telephone speech,
//     ../shared/evalsets/real-calls) and on clean espeak-ng speech (scripts/words/conversations.ts);
//   - question, summary and thanks detection precision and recall, from the text (the rules alone)
//     and from the audio (each line or utterance transcribed), and end to end (the engine's turns
//     of whole scenes, transcribed and read as `analyze --words` does);
//   - which fillers and hedges survive the recogniser.
//
//   npx tsx scripts/words-accuracy.ts [--out results.json]
//
// Needs espeak-ng and sox; the real calls need ../shared. Tables on stdout, progress on stderr.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REAL_CALLS_DIR } from '../cli/evaluate';
import { moonshineMissing } from '../cli/moonshine-files';
import { loadMoonshineNode } from '../cli/moonshine-node';
import { analyzeRecording, findModel, readMonoWavFile } from '../cli/recording';
import type { Party } from '../lib/engine/types';
import { recogniserPieces } from '../lib/words/asr/pieces';
import { readCallWords } from '../lib/words/call-words';
import { readTurn, type TurnReading } from '../lib/words/categories';
import { FILLER_IDS, HEDGE_IDS } from '../lib/words/ids';
import { addErrors, wer, wordErrors, type WordErrors } from '../lib/words/wer';
import { CONVERSATIONS, type LineLabel } from './words/conversations';
import { REAL_CALLS, REAL_LABELS } from './words/real-labels';
import { speakConversation, speechToolsMissing, type SpokenScene } from './words/speak';

const CATEGORIES = [
  'questions',
  'open',
  'closed',
  'clarifying',
  'person',
  'summary',
  'thanks',
  'specific thanks',
] as const;
type Category = (typeof CATEGORIES)[number];
type Tally = Record<Category, number>;

/** An utterance or a scripted line with its truth. */
interface Item {
  set: 'espeak' | 'real';
  party: Party;
  text: string;
  /** The other side's text just before it (for restatements). */
  previous: string | null;
  label: LineLabel;
  audio: Float32Array;
  sampleRate: number;
  start: number;
  end: number;
  /** Which scene it belongs to (end-to-end matching). */
  scene: string;
  /** The espeak-ng voice, or the telephone side. */
  voice: string;
}

const zero = (): Tally => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Tally;

function expected(label: LineLabel): Tally {
  const t = zero();
  for (const q of label.q ?? []) {
    t.questions++;
    if (q.startsWith('open')) t.open++;
    else t.closed++;
    if (q.includes('+clarifying')) t.clarifying++;
    if (q.includes('+person')) t.person++;
  }
  t.summary = label.summary ? 1 : 0;
  t.thanks = label.thanks ?? 0;
  t['specific thanks'] = label.specific ?? 0;
  return t;
}

function detected(r: TurnReading): Tally {
  const t = zero();
  for (const q of r.questions) {
    t.questions++;
    if (q.kind === 'open') t.open++;
    else t.closed++;
    if (q.clarifying) t.clarifying++;
    if (q.aboutPerson) t.person++;
  }
  t.summary = r.summary ? 1 : 0;
  t.thanks = r.thanks;
  t['specific thanks'] = r.specificThanks;
  return t;
}

class Scores {
  tp = zero();
  fp = zero();
  fn = zero();
  add(truth: Tally, found: Tally): void {
    for (const c of CATEGORIES) {
      const hit = Math.min(truth[c], found[c]);
      this.tp[c] += hit;
      this.fp[c] += found[c] - hit;
      this.fn[c] += truth[c] - hit;
    }
  }
  row(c: Category): { precision: number | null; recall: number | null; truth: number; found: number } {
    const tp = this.tp[c];
    const found = tp + this.fp[c];
    const truth = tp + this.fn[c];
    return { precision: found ? tp / found : null, recall: truth ? tp / truth : null, truth, found };
  }
}

/** A filler or hedge is counted when the recogniser keeps this much of it (docs/words.md). */
const SUPPORT_MIN_RECALL = 0.7;
const SUPPORT_MIN_PRECISION = 0.8;
const SUPPORT_MIN_REFERENCE = 4;

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(0)} %`);
const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
  const missing = moonshineMissing() ?? speechToolsMissing();
  if (missing) throw new Error(missing);
  const recogniser = await loadMoonshineNode();
  let audioSec = 0;
  let cpuMs = 0;
  const transcribe = async (samples: Float32Array, sampleRate: number): Promise<string> => {
    const before = process.cpuUsage();
    let text = '';
    for (const piece of recogniserPieces(samples, sampleRate)) text += ` ${await recogniser.transcribe(piece)}`;
    const used = process.cpuUsage(before);
    cpuMs += (used.user + used.system) / 1000;
    audioSec += samples.length / sampleRate;
    return text.trim();
  };

  // The items: scripted lines (spoken by espeak-ng) and the real calls' utterances.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-words-'));
  const scenes: SpokenScene[] = CONVERSATIONS.map((c) => speakConversation(c, dir));
  const items: Item[] = [];
  for (const scene of scenes) {
    scene.lines.forEach((p, n) => {
      const before = scene.lines
        .slice(0, n)
        .reverse()
        .find((q) => q.line.by !== p.line.by);
      items.push({
        set: 'espeak',
        party: p.line.by,
        text: p.line.text,
        previous: before && scene.lines[n - 1] === before ? before.line.text : null,
        label: p.line,
        audio: p.audio,
        sampleRate: 16000,
        start: p.start,
        end: p.end,
        scene: scene.conversation.id,
        voice: scene.conversation.voices[p.line.by],
      });
    });
  }
  const realScenes = fs.existsSync(REAL_CALLS_DIR)
    ? REAL_CALLS.filter((id) => fs.existsSync(path.join(REAL_CALLS_DIR, `${id}.truth.json`)))
    : [];
  if (realScenes.length === 0) log(`real calls not found at ${REAL_CALLS_DIR}: measuring on espeak-ng speech only`);
  const realAudio = new Map<string, { sampleRate: number; self: Float32Array; others: Float32Array }>();
  for (const id of realScenes) {
    const truth = JSON.parse(fs.readFileSync(path.join(REAL_CALLS_DIR, `${id}.truth.json`), 'utf8')) as {
      utterances: { party: 'self' | 'other1'; start: number; end: number; text: string }[];
    };
    const self = readMonoWavFile(path.join(REAL_CALLS_DIR, `${id}.self.wav`));
    const others = readMonoWavFile(path.join(REAL_CALLS_DIR, `${id}.others.wav`));
    const channels = { sampleRate: self.sampleRate, self: self.samples, others: others.samples };
    realAudio.set(id, channels);
    const utterances = [...truth.utterances].sort((a, b) => a.start - b.start);
    utterances.forEach((u, n) => {
      const party: Party = u.party === 'self' ? 'self' : 'others';
      const previous = utterances
        .slice(0, n)
        .reverse()
        .find((v) => v.party !== u.party);
      // The reference trims each edge by 0.25 s (its README): give the recogniser the full word.
      const pad = 0.3;
      const from = Math.max(0, Math.floor((u.start - pad) * channels.sampleRate));
      const to = Math.ceil((u.end + pad) * channels.sampleRate);
      const label =
        REAL_LABELS.find((l) => l.call === id && l.party === u.party && Math.abs(l.start - u.start) < 0.005) ?? {};
      items.push({
        set: 'real',
        party,
        text: u.text,
        previous: previous?.text ?? null,
        label,
        audio: channels[party].subarray(from, to),
        sampleRate: channels.sampleRate,
        start: u.start,
        end: u.end,
        scene: id,
        voice: party === 'self' ? 'caller' : 'agent',
      });
    });
  }
  const unmatched = REAL_LABELS.filter(
    (l) =>
      realScenes.includes(l.call as (typeof REAL_CALLS)[number]) &&
      !items.some((i) => i.scene === l.call && Math.abs(i.start - l.start) < 0.005),
  );
  if (unmatched.length > 0)
    throw new Error(`labels without an utterance: ${unmatched.map((l) => `${l.call}@${l.start}`).join(', ')}`);

  // Each item transcribed on its own.
  log(`transcribing ${items.length} lines and utterances…`);
  const heard = new Map<Item, string>();
  for (const item of items) heard.set(item, await transcribe(item.audio, item.sampleRate));
  const itemRtf = cpuMs / 1000 / audioSec;

  // Word error rate.
  const werRows: string[] = [];
  const werResults: Record<string, { wer: number; words: number; errors: WordErrors }> = {};
  const voices = [...new Set(items.filter((i) => i.set === 'espeak').map((i) => i.voice))].sort();
  for (const [name, filter] of [
    [`espeak-ng, 16 kHz, all (${voices.length} voices)`, (i: Item) => i.set === 'espeak'],
    ...voices.map((v): [string, (i: Item) => boolean] => [
      `espeak-ng: ${v}`,
      (i: Item) => i.set === 'espeak' && i.voice === v,
    ]),
    ['real calls, 8 kHz telephone: caller', (i: Item) => i.set === 'real' && i.party === 'self'],
    ['real calls, 8 kHz telephone: agent', (i: Item) => i.set === 'real' && i.party === 'others'],
    ['real calls, all', (i: Item) => i.set === 'real'],
  ] as [string, (i: Item) => boolean][]) {
    const chosen = items.filter(filter);
    if (chosen.length === 0) continue;
    const e = chosen.map((i) => wordErrors(i.text, heard.get(i)!)).reduce(addErrors);
    werResults[name] = { wer: wer(e), words: e.reference, errors: e };
    werRows.push(
      `| ${name} | ${chosen.length} | ${e.reference} | ${pct(wer(e))} | ${e.substitutions} / ${e.deletions} / ${e.insertions} |`,
    );
  }
  console.log('## Word error rate\n');
  console.log('| speech | utterances | words | WER | subs / dels / ins |\n| --- | --- | --- | --- | --- |');
  console.log(werRows.join('\n'));
  console.log(
    `\nRecogniser CPU: ${(itemRtf * 100).toFixed(1)} % of the audio's duration (real-time factor ${itemRtf.toFixed(3)}, one thread).`,
  );

  // Detection, from the text and from each item's audio.
  const fromText = { espeak: new Scores(), real: new Scores() };
  const fromAudio = { espeak: new Scores(), real: new Scores() };
  for (const item of items) {
    const truth = expected(item.label);
    fromText[item.set].add(truth, detected(readTurn(item.text, item.previous)));
    const prevItem = items
      .filter((i) => i.scene === item.scene && i.party !== item.party && i.end <= item.start + 0.5)
      .at(-1);
    const previousHeard = item.previous !== null && prevItem ? heard.get(prevItem)! : null;
    fromAudio[item.set].add(truth, detected(readTurn(heard.get(item)!, previousHeard)));
  }

  // End to end: the engine's turns of whole scenes, transcribed and read.
  log('end to end: engine → turns → recogniser → categories…');
  const model = findModel();
  const endToEnd = { espeak: new Scores(), real: new Scores() };
  const e2eAudio = async (
    set: 'espeak' | 'real',
    scene: string,
    rec: { sampleRate: number; self: Float32Array; others: Float32Array },
  ) => {
    const result = await analyzeRecording(rec, model);
    const turns: { by: Party; start: number; end: number; text: string }[] = [];
    await readCallWords(
      result,
      rec,
      (samples) => transcribe(samples, 16000),
      (turn, text) => turns.push({ ...turn, text }),
    );
    const sceneItems = items.filter((i) => i.scene === scene);
    const owner = new Map<Item, number>();
    for (const item of sceneItems) {
      let best = -1;
      let bestOverlap = 0;
      turns.forEach((t, n) => {
        const overlap = t.by === item.party ? Math.min(t.end, item.end) - Math.max(t.start, item.start) : 0;
        if (overlap > bestOverlap) [best, bestOverlap] = [n, overlap];
      });
      owner.set(item, best);
    }
    let previous: Record<Party, string | null> = { self: null, others: null };
    turns.forEach((t, n) => {
      const truth = zero();
      for (const item of sceneItems.filter((i) => owner.get(i) === n)) {
        const e = expected(item.label);
        for (const c of CATEGORIES) truth[c] += e[c];
      }
      const other: Party = t.by === 'self' ? 'others' : 'self';
      endToEnd[set].add(truth, detected(readTurn(t.text, previous[other])));
      previous = { ...previous, [other]: null, [t.by]: t.text };
    });
    for (const item of sceneItems.filter((i) => owner.get(i) === -1)) endToEnd[set].add(expected(item.label), zero());
  };
  for (const scene of scenes)
    await e2eAudio('espeak', scene.conversation.id, { sampleRate: 16000, self: scene.self, others: scene.others });
  for (const [id, rec] of realAudio) await e2eAudio('real', id, rec);

  const detection: Record<string, Record<string, ReturnType<Scores['row']>>> = {};
  console.log('\n## Detection: precision / recall (labelled count)\n');
  const columns: [string, Scores][] = [
    ['espeak: text', fromText.espeak],
    ['espeak: audio', fromAudio.espeak],
    ['espeak: end to end', endToEnd.espeak],
    ['real: text', fromText.real],
    ['real: audio', fromAudio.real],
    ['real: end to end', endToEnd.real],
  ];
  const header = ['category', ...columns.map(([name]) => name)];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const c of CATEGORIES) {
    const cells = columns.map(([name, s]) => {
      const r = s.row(c);
      (detection[name] ??= {})[c] = r;
      return r.truth === 0 && r.found === 0 ? '–' : `${pct(r.precision)} / ${pct(r.recall)} (${r.truth})`;
    });
    console.log(`| ${c} | ${cells.join(' | ')} |`);
  }

  // Fillers and hedges: counted in the reference text against the recogniser's.
  console.log('\n## Fillers and hedges through the recogniser (reference → recognised)\n');
  console.log(
    `Counted and shown where, over both sets, recall ≥ ${pct(SUPPORT_MIN_RECALL)} and precision ≥ ${pct(SUPPORT_MIN_PRECISION)} on at least ${SUPPORT_MIN_REFERENCE} occurrences.\n`,
  );
  console.log(
    '| word | espeak: in reference | recognised (recall / precision) | real: in reference | recognised (recall / precision) | supported |\n| --- | --- | --- | --- | --- | --- |',
  );
  const support: Record<string, Record<string, { reference: number; recognised: number; matched: number }>> = {};
  const counters: [string, (r: TurnReading) => number][] = [
    ...FILLER_IDS.map((id): [string, (r: TurnReading) => number] => [id, (r) => r.fillers[id]]),
    ...HEDGE_IDS.map((id): [string, (r: TurnReading) => number] => [id, (r) => r.hedges[id]]),
  ];
  for (const [id, count] of counters) {
    const cells: string[] = [];
    const all = { reference: 0, recognised: 0, matched: 0 };
    for (const set of ['espeak', 'real'] as const) {
      let reference = 0;
      let recognised = 0;
      let matched = 0;
      for (const item of items.filter((i) => i.set === set)) {
        const a = count(readTurn(item.text));
        const b = count(readTurn(heard.get(item)!));
        reference += a;
        recognised += b;
        matched += Math.min(a, b);
      }
      (support[set] ??= {})[id] = { reference, recognised, matched };
      all.reference += reference;
      all.recognised += recognised;
      all.matched += matched;
      cells.push(
        String(reference),
        reference + recognised === 0
          ? '–'
          : `${recognised} (${pct(reference ? matched / reference : null)} / ${pct(recognised ? matched / recognised : null)})`,
      );
    }
    const { reference, recognised, matched } = all;
    const supported =
      reference >= SUPPORT_MIN_REFERENCE &&
      matched / reference >= SUPPORT_MIN_RECALL &&
      matched / Math.max(1, recognised) >= SUPPORT_MIN_PRECISION;
    console.log(`| ${id} | ${cells.join(' | ')} | ${supported ? 'yes' : 'no'} |`);
  }

  fs.rmSync(dir, { recursive: true, force: true });
  await recogniser.release();
  const totalRtf = cpuMs / 1000 / audioSec;
  console.log(
    `\nAll transcription: ${audioSec.toFixed(0)} s of audio, ${(cpuMs / 1000).toFixed(0)} s CPU (real-time factor ${totalRtf.toFixed(3)}).`,
  );
  if (args.out) {
    fs.writeFileSync(
      args.out,
      JSON.stringify(
        { wer: werResults, detection, support, realTimeFactor: totalRtf, speechModel: model ? 'yamnet' : 'none' },
        null,
        2,
      ),
    );
  }
}

main().catch((error: unknown) => {
  console.error(`words-accuracy: ${(error as Error).message}`);
  process.exit(1);
});
