// Text as the recogniser writes it (capitals, punctuation, "?" on most questions) or as a transcript
// gives it (lower case, no punctuation at all): cut into sentences of words, the same way for both.

export interface Sentence {
  /** Lower-case words, apostrophes kept ("what's", "don't"); numbers are words. */
  words: string[];
  /** The sentence ended with "?". */
  asked: boolean;
  /** Word indexes after which the text had a comma (a tag question hangs on one: "…, right?"). */
  commas: Set<number>;
}

const WORD_CHAR = /[a-z0-9']/;

/** Cuts at . ! ? (a full stop or colon between digits, as in 2.5 or 19:00, stays in the number) and gives each
 *  sentence's words. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const normal = text.toLowerCase().replace(/[’‘]/g, "'");
  let words: string[] = [];
  let commas = new Set<number>();
  let word = '';
  const endWord = () => {
    const w = word.replace(/^'+|'+$/g, '');
    if (w) words.push(w);
    word = '';
  };
  const endSentence = (asked: boolean) => {
    endWord();
    commas.delete(words.length - 1);
    const previous = out.at(-1);
    if (words.length > 0) out.push({ words, asked, commas });
    else if (asked && previous) previous.asked = true;
    words = [];
    commas = new Set();
  };
  for (let i = 0; i < normal.length; i++) {
    const c = normal.charAt(i);
    if (WORD_CHAR.test(c)) word += c;
    else if ((c === '.' || c === ':') && /\d/.test(normal[i - 1] ?? '') && /\d/.test(normal[i + 1] ?? '')) word += c;
    else if (c === '?' || c === '.' || c === '!') endSentence(c === '?');
    else {
      endWord();
      if (c === ',' && words.length > 0) commas.add(words.length - 1);
    }
  }
  endSentence(false);
  return out;
}

/** Words of a whole text (for counting and for overlap). */
export function wordsOf(text: string): string[] {
  return sentences(text).flatMap((s) => s.words);
}

/** True when `phrase` (space-separated words) occurs in `words` starting at `at`. */
export function phraseAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at < 0 || at + phrase.length > words.length) return false;
  for (let i = 0; i < phrase.length; i++) if (words[at + i] !== phrase[i]) return false;
  return true;
}

/** Every index at which `phrase` starts in `words`. */
export function findPhrase(words: readonly string[], phrase: readonly string[]): number[] {
  const hits: number[] = [];
  for (let i = 0; i + phrase.length <= words.length; i++) if (phraseAt(words, i, phrase)) hits.push(i);
  return hits;
}

/** Phrases written as text ("what do you mean") into word lists, once, at module load. */
export function phrases(list: readonly string[]): string[][] {
  return list.map((p) => p.split(' '));
}
