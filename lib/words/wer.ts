// Word error rate: (substitutions + deletions + insertions) ÷ reference words, by edit distance
// over words after the usual normalisation for scoring a recogniser: case and punctuation ignored,
// "ok" = "okay", and numbers written one way ("two hundred dollars" = "$200", "forty" = "40"), as
// the recogniser writes digits where a transcript may spell them out and the other way round.

const ONES = new Map(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
  }),
);
const TENS = new Map(
  Object.entries({
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);
const SCALES = new Map(Object.entries({ hundred: 100, thousand: 1000, million: 1_000_000 }));

/** Spelled-out numbers as digits: "one hundred and twenty" → "120"; "four four seven" stays three
 *  numbers. */
function numbersAsDigits(words: string[]): string[] {
  const out: string[] = [];
  let total = 0;
  let current = 0;
  let open = false;
  let last: 'ones' | 'tens' | 'scale' | null = null;
  const close = () => {
    if (open) out.push(String(total + current));
    total = current = 0;
    open = false;
    last = null;
  };
  for (const [i, w] of words.entries()) {
    const next = words[i + 1];
    const ones = ONES.get(w);
    const tens = TENS.get(w);
    const scale = SCALES.get(w);
    if (ones !== undefined) {
      // A digit after a digit (or after "twenty-one") is the next number: "four four seven".
      if (open && (last === 'ones' || (last === 'tens' && ones >= 10))) close();
      current += ones;
      open = true;
      last = 'ones';
    } else if (tens !== undefined) {
      if (open && last !== 'scale') close();
      current += tens;
      open = true;
      last = 'tens';
    } else if (scale !== undefined && open) {
      if (scale === 100) current *= 100;
      else {
        total += current * scale;
        current = 0;
      }
      last = 'scale';
    } else if (w === 'and' && open && last === 'scale' && next !== undefined && (ONES.has(next) || TENS.has(next))) {
      continue;
    } else {
      close();
      out.push(w);
    }
  }
  close();
  return out;
}

export function werWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/\$(\d+(?:\.\d+)?)/g, '$1 dollars')
    .replace(/(\d)%/g, '$1 percent')
    .replace(/-/g, ' ')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean)
    .map((w) => (w === 'ok' ? 'okay' : w));
  return numbersAsDigits(words);
}

export interface WordErrors {
  reference: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = werWords(reference);
  const hyp = werWords(hypothesis);
  // cost[j] = [edits, subs, dels, ins] for ref[0..i) against hyp[0..j).
  type Cell = [number, number, number, number];
  let prev: Cell[] = hyp.map((_, j): Cell => [j + 1, 0, 0, j + 1]);
  prev.unshift([0, 0, 0, 0]);
  for (let i = 1; i <= ref.length; i++) {
    const row: Cell[] = [[i, 0, i, 0]];
    for (let j = 1; j <= hyp.length; j++) {
      const same = ref[i - 1] === hyp[j - 1];
      const diag = prev[j - 1]!;
      const up = prev[j]!;
      const left = row[j - 1]!;
      const options: Cell[] = [
        [diag[0] + (same ? 0 : 1), diag[1] + (same ? 0 : 1), diag[2], diag[3]],
        [up[0] + 1, up[1], up[2] + 1, up[3]],
        [left[0] + 1, left[1], left[2], left[3] + 1],
      ];
      row.push(options.reduce((a, b) => (b[0] < a[0] ? b : a)));
    }
    prev = row;
  }
  const [, substitutions, deletions, insertions] = prev[hyp.length]!;
  return { reference: ref.length, substitutions, deletions, insertions };
}

export function addErrors(a: WordErrors, b: WordErrors): WordErrors {
  return {
    reference: a.reference + b.reference,
    substitutions: a.substitutions + b.substitutions,
    deletions: a.deletions + b.deletions,
    insertions: a.insertions + b.insertions,
  };
}

export function wer(e: WordErrors): number {
  return e.reference === 0 ? 0 : (e.substitutions + e.deletions + e.insertions) / e.reference;
}
