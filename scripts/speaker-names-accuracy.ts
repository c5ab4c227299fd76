// How well names from the page's speaking indicator hold up against its lag (docs/people.md,
// "Names"): synthetic calls of 2 or 3 people taking turns, the page's mark following each new
// speaker late (with ±0.3 s of jitter), kept on the last speaker through silence (Jitsi) or
// cleared, the page read once a second. Each call lasts a minute; every second each person's name
// is checked, and at the end whether they have the right one.
//
//   npx tsx scripts/speaker-names-accuracy.ts [--impl path/to/speaker-names.ts]
//
// --impl measures another version of lib/people/speaker-names.ts (e.g. one from `git show`).
// A table on stdout: per lag, the names right at the end and the person-seconds a wrong name showed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SpeakerNames } from '../lib/people/speaker-names';
import { PEOPLE_PARAMS } from '../lib/people/tracker';

type Names = Pick<SpeakerNames, 'shown' | 'judged' | 'nameOf'>;

const LAGS_SEC = [0.3, 0.8, 1.3, 1.9, 2.5, 3];
const TURNS_SEC = [2.5, 4, 6];
const PEOPLE = [2, 3];
const CALLS = 20;
const CALL_SEC = 60;

/** A small seeded generator, so every run measures the same calls. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** One call: turns of about `turnSec` (0.6–1.4 ×) with pauses of 0.3–1.5 s, the next speaker
 *  anyone but the last. */
function playCall(
  names: Names,
  people: number,
  turnSec: number,
  lagSec: number,
  keptThroughSilence: boolean,
  seed: number,
): { right: number; wrongSec: number } {
  const next = random(seed);
  const turns: { start: number; end: number; who: number; lag: number }[] = [];
  for (let t = 0.5, who = 0; t < CALL_SEC - 1;) {
    const end = Math.min(CALL_SEC, t + turnSec * (0.6 + 0.8 * next()));
    turns.push({ start: t, end, who, lag: lagSec + (next() - 0.5) * 0.6 });
    t = end + 0.3 + 1.2 * next();
    const other = Math.floor(next() * (people - 1));
    who = other >= who ? other + 1 : other;
  }
  /** Which tenth of each second the page is read in. */
  const readTenth = Math.floor(next() * 10);
  let wrongSec = 0;
  for (let i = 0; i <= CALL_SEC * 10; i++) {
    const t = i / 10;
    const atMs = i * 100;
    if (i % 10 === readTenth) {
      const marked = turns.filter((turn) => turn.start + turn.lag <= t).at(-1);
      const shown = marked && (keptThroughSilence || t <= marked.end + marked.lag) ? [`name ${marked.who}`] : [];
      names.shown(atMs, shown);
    }
    const speaking = turns.filter((turn) => t >= turn.start && t < turn.end).map((turn) => `source ${turn.who}`);
    names.judged(atMs, speaking);
    if (i % 10 !== 0) continue;
    for (let who = 0; who < people; who++) {
      const name = names.nameOf(`source ${who}`);
      if (name !== null && name !== `name ${who}`) wrongSec++;
    }
  }
  let right = 0;
  for (let who = 0; who < people; who++) if (names.nameOf(`source ${who}`) === `name ${who}`) right++;
  return { right, wrongSec };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { impl: { type: 'string' } } });
  const Impl: new (maxStepMs: number) => Names = values.impl
    ? ((await import(path.resolve(values.impl))) as { SpeakerNames: new (maxStepMs: number) => Names }).SpeakerNames
    : SpeakerNames;
  console.log('lag s | names right at the end | person-seconds with a wrong name');
  for (const lagSec of LAGS_SEC) {
    let right = 0;
    let of = 0;
    let wrongSec = 0;
    let seed = 1;
    for (const keptThroughSilence of [true, false]) {
      for (const people of PEOPLE) {
        for (const turnSec of TURNS_SEC) {
          for (let call = 0; call < CALLS; call++) {
            const result = playCall(
              new Impl(PEOPLE_PARAMS.maxStepMs),
              people,
              turnSec,
              lagSec,
              keptThroughSilence,
              seed++ * 7919,
            );
            right += result.right;
            of += people;
            wrongSec += result.wrongSec;
          }
        }
      }
    }
    console.log(`${lagSec.toFixed(1).padStart(5)} | ${`${right} of ${of}`.padStart(22)} | ${wrongSec}`);
  }
}

void main();
