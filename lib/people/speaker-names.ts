// Names for the call's sources from the page's speaking indicator: where a site marks who is
// speaking (Meet's and Jitsi's tiles, Zoom's; lib/sites/) and exactly one source carries a voice at
// that moment, that is a vote for the name being that source's. A name is given once the votes
// agree: enough of them, most of the name's votes for one source and most of the source's for one
// name. Nothing about the tiles' markup is assumed beyond the adapter's names, so a mix that names
// its contributors (Meet's CSRCs) gets names as well as one stream per person does. Pure: the
// tracker feeds it (lib/people/tracker.ts).

/** Votes before a name is given: a few seconds of one person speaking alone. */
const MIN_VOTES = 3;
/** Of a name's votes, at least this share for the source (the indicator lags the audio and
 *  lingers, so some votes at a turn change go to the wrong one). */
const MIN_AGREEMENT = 0.6;
/** Sightings kept while no levels are judged (a call without them): a minute of page reads. */
const MAX_PENDING = 120;

export class SpeakerNames {
  /** name → source key → votes. */
  private readonly votes = new Map<string, Map<string, number>>();
  /** The one name the page showed, waiting for the levels around it to be judged: [atMs, name]. */
  private pending: [number, string][] = [];

  /** The page shows `names` speaking at wall time `atMs`. */
  shown(atMs: number, names: readonly string[]): void {
    const name = onlyOne(names);
    if (name === undefined) return;
    this.pending.push([atMs, name]);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /** The levels up to `atMs` are judged, and `speaking` are the person sources speaking then:
   *  what the page showed by then is counted against them. */
  judged(atMs: number, speaking: readonly string[]): void {
    const source = onlyOne(speaking);
    while (this.pending[0] && this.pending[0][0] <= atMs) {
      const [, name] = this.pending.shift()!;
      if (source === undefined) continue;
      const forName = this.votes.get(name) ?? new Map<string, number>();
      forName.set(source, (forName.get(source) ?? 0) + 1);
      this.votes.set(name, forName);
    }
  }

  /** The name the votes give `key`, or null while they do not agree. */
  nameOf(key: string): string | null {
    let best: { name: string; count: number } | null = null;
    let total = 0;
    for (const [name, forName] of this.votes) {
      const count = forName.get(key) ?? 0;
      total += count;
      if (count > (best?.count ?? 0) && this.topSourceOf(forName) === key) best = { name, count };
    }
    if (!best || best.count < MIN_VOTES || best.count < MIN_AGREEMENT * total) return null;
    const forName = this.votes.get(best.name)!;
    const ofName = [...forName.values()].reduce((a, b) => a + b, 0);
    return best.count >= MIN_AGREEMENT * ofName ? best.name : null;
  }

  private topSourceOf(forName: Map<string, number>): string | null {
    let top: [string, number] | null = null;
    for (const entry of forName) if (!top || entry[1] > top[1]) top = entry;
    return top?.[0] ?? null;
  }
}

/** The list's one element; undefined when it has none or several. */
function onlyOne<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}
