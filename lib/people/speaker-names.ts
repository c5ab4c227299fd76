// Names for the call's sources from the page's speaking indicator: where a site marks who is
// speaking (Meet's and Jitsi's tiles, Zoom's; lib/sites/) and exactly one source carried a voice
// just before, that is a vote for the name being that source's. A name is given once the votes
// agree: enough of them, most of the name's votes for one source, most of the source's for one
// name, and not most of another source's (a mark that never moves names no one). Nothing about the
// tiles' markup is assumed beyond the adapter's names, so a mix that names its contributors (Meet's
// CSRCs) gets names as well as one stream per person does. Pure: the tracker feeds it
// (lib/people/tracker.ts).
//
// The indicator lags the voice by a delay of its own: a bridge decides who is dominant and tells
// the page (Jitsi), the page holds the mark a moment, the coach reads the page a second or half a
// second apart. A read compared with who spoke at that very moment goes to the one who just
// stopped for all of that delay into each turn: with the Jitsi e2e's 1.3–1.9 s on turns of 4–6 s,
// a quarter to half of the votes, and some calls got no names. So each read is compared with who
// spoke at several delays before it, and the delay whose votes agree best is the page's.

/** Votes before a name is given: a few seconds of one person speaking alone. */
const MIN_VOTES = 3;
/** Of a name's votes, at least this share for the source (the indicator's delay varies, and it
 *  lingers, so some votes at a turn change go to the wrong one). */
const MIN_AGREEMENT = 0.6;
/** Sightings kept while no levels are judged (a call without them): a minute of page reads. */
const MAX_PENDING = 120;
/** The delays tried, ms: from a page that marks the speaker at once to one that takes 3 s. */
const DELAYS_MS = [0, 500, 1000, 1500, 2000, 2500, 3000] as const;
const LONGEST_DELAY_MS = Math.max(...DELAYS_MS);

type Votes = Map<string, Map<string, number>>;

export class SpeakerNames {
  /** The delay (an index of DELAYS_MS) whose votes agree best, as of the last vote. */
  private delayIndex = 0;

  /** `maxStepMs`: a judged moment stands for who spoke until the next one, at most this long (a
   *  gap in the samples: a throttled page), as the tracker counts it. */
  constructor(private readonly maxStepMs: number) {}

  /** Per delay (as DELAYS_MS): name → source key → votes. */
  private readonly votes: Votes[] = DELAYS_MS.map(() => new Map());
  /** What the page showed, waiting for the levels around it to be judged: [atMs, name]. */
  private pending: [number, string][] = [];
  /** Judged moments, oldest first, back as far as the longest delay: [atMs, the one source
   *  speaking then, or null for none or several]. */
  private heard: [number, string | null][] = [];

  /** The page shows `names` speaking at wall time `atMs`. */
  shown(atMs: number, names: readonly string[]): void {
    const name = onlyOne(names);
    if (name === undefined) return;
    this.pending.push([atMs, name]);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /** The levels up to `atMs` are judged, and `speaking` are the person sources speaking then:
   *  what the page showed by then is counted against who spoke at each delay before it. */
  judged(atMs: number, speaking: readonly string[]): void {
    this.heard.push([atMs, onlyOne(speaking) ?? null]);
    const keepFrom = atMs - LONGEST_DELAY_MS - this.maxStepMs;
    for (let next = this.heard[1]; next && next[0] <= keepFrom; next = this.heard[1]) this.heard.shift();
    for (let shown = this.pending[0]; shown && shown[0] <= atMs; shown = this.pending[0]) {
      this.pending.shift();
      const [shownAtMs, name] = shown;
      DELAYS_MS.forEach((delayMs, i) => {
        const key = this.heardAt(shownAtMs - delayMs);
        const votes = this.votes[i]!;
        if (key === null) return;
        const forName = votes.get(name) ?? new Map<string, number>();
        forName.set(key, (forName.get(key) ?? 0) + 1);
        votes.set(name, forName);
      });
      this.delayIndex = this.pageDelay();
    }
  }

  /** The name the votes give `key`, or null while they do not agree. */
  nameOf(key: string): string | null {
    const votes = this.votes[this.delayIndex]!;
    let best: { name: string; count: number } | null = null;
    let total = 0;
    for (const [name, forName] of votes) {
      const count = forName.get(key) ?? 0;
      total += count;
      if (count > (best?.count ?? 0) && topSourceOf(forName) === key) best = { name, count };
    }
    if (!best || best.count < MIN_VOTES || best.count < MIN_AGREEMENT * total) return null;
    const forName = votes.get(best.name)!;
    if (best.count < MIN_AGREEMENT * sum(forName.values())) return null;
    // The name must tell this source from the others: a mark that shows it whoever speaks (a
    // pinned tile, a page that never moves the mark) says nothing about who is who, even where
    // this source spoke most (trying several delays makes such a chance majority likelier).
    for (const [other, count] of forName) {
      if (other === key) continue;
      const ofOther = sum([...votes.values()].map((names) => names.get(other) ?? 0));
      if (count >= MIN_AGREEMENT * ofOther) return null;
    }
    return best.name;
  }

  /** The one source speaking at `atMs` (the first moment judged from then on, within a step), or
   *  null: none, several, or not judged. */
  private heardAt(atMs: number): string | null {
    const found = this.heard.find(([judgedAtMs]) => judgedAtMs >= atMs);
    return found && found[0] - atMs <= this.maxStepMs ? found[1] : null;
  }

  /** The delay (an index of DELAYS_MS) whose votes agree best: the most votes for each name's top
   *  source, less those against it; the shortest of equals. */
  private pageDelay(): number {
    let best = { index: 0, score: -Infinity };
    this.votes.forEach((votes, index) => {
      let score = 0;
      for (const forName of votes.values()) {
        const top = Math.max(...forName.values());
        score += top - (sum(forName.values()) - top);
      }
      if (score > best.score) best = { index, score };
    });
    return best.index;
  }
}

function topSourceOf(forName: Map<string, number>): string | null {
  let top: [string, number] | null = null;
  for (const entry of forName) if (!top || entry[1] > top[1]) top = entry;
  return top?.[0] ?? null;
}

/** The list's one element; undefined when it has none or several. */
function onlyOne<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
