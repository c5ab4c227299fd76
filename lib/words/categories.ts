// What a turn of speech does, read from its words: the questions it asks (open or closed,
// clarifying, about the person), whether it restates the previous speaker, its thanks (and which
// name what for), its fillers and hedges. Rules on words, not a language model: small, fast, the
// same in Node and in the extension, and each decision can be explained. docs/words.md defines
// every category; tests/unit/words/categories.test.ts holds labelled lines.
import {
  ABOUT_PERSON,
  AUXILIARIES,
  CHECK_TAGS,
  CLARIFYING,
  CLARIFYING_REQUESTS,
  CLOSED_HOW_NEXT,
  CLOSED_WH,
  DETERMINER_SUBJECTS,
  EFFECT_WORDS,
  ELLIPTIC_STARTS,
  FACT_SLOTS,
  GENERIC_THANKS_OBJECTS,
  KIND_OF_NOT_AFTER,
  KIND_OF_NOT_BEFORE,
  LEAD_IN_PAIRS,
  LEAD_INS,
  NEGATIVE_AUXILIARIES,
  NO_DETERMINER_AFTER,
  NOT_THANKS,
  OPEN_PROMPTS,
  OPENING_VERBS,
  PERSONAL_TIME_BEFORE,
  PERSONAL_SUBJECTS,
  PERSONAL_TIMES,
  PERSONAL_TOPICS,
  PLEASANT,
  PRONOUN_SUBJECTS,
  REQUEST_BEFORE_APPRECIATE,
  RESTATEMENT_STARTS,
  STATEMENT_INVERSION_BEFORE,
  STOPWORDS,
  SUMMARY_PHRASES,
  THANKS_WORDS,
  UH_WORDS,
  UM_WORDS,
  WH_CONTRACTED,
  WH_QUESTION_NEXT,
  WH_WORDS,
  WORK_TOPICS,
  YOU_KNOW_NOT_AFTER,
  YOU_KNOW_NOT_BEFORE,
  wordSet,
} from './lexicon';
import type { FillerId, HedgeId } from './ids';
import { findPhrase, phraseAt, sentences, wordsOf, type Sentence } from './text';

export type { FillerId, HedgeId };

export type QuestionKind = 'open' | 'closed';

export interface Question {
  /** The question's words from where it starts (lower case). */
  text: string;
  kind: QuestionKind;
  clarifying: boolean;
  aboutPerson: boolean;
}

export type SummaryCue = 'phrase' | 'overlap';

export interface TurnReading {
  words: number;
  questions: Question[];
  /** How the turn restates the previous speaker, or null. */
  summary: SummaryCue | null;
  thanks: number;
  specificThanks: number;
  fillers: Record<FillerId, number>;
  hedges: Record<HedgeId, number>;
}

/** A restatement shares at least this many content words with the previous turn… */
export const SUMMARY_MIN_SHARED = 3;
/** …and at least this share of its own content words. */
export const SUMMARY_MIN_SHARE = 0.4;

/** Reads one turn. `previous` is the other side's turn just before it (for restatements). */
export function readTurn(text: string, previous: string | null = null): TurnReading {
  const said = sentences(text);
  // A transcript without any punctuation is one long "sentence": questions may start inside it.
  const unpunctuated = !/[.?!]/.test(text);
  const questions = said.flatMap((s) => questionsOf(s, unpunctuated));
  const thanks = thanksOf(said);
  return {
    words: said.reduce((n, s) => n + s.words.length, 0),
    questions,
    summary: summaryOf(said, previous),
    thanks: thanks.all,
    specificThanks: thanks.specific,
    ...fillersAndHedges(said.flatMap((s) => s.words)),
  };
}

// Questions ----------------------------------------------------------------------------------

/** The first word after lead-ins ("okay so, um, can you…"). */
function skipLeadIns(w: readonly string[], from: number): number {
  let i = from;
  for (;;) {
    if (LEAD_INS.has(w[i]) && i + 1 < w.length) i++;
    else if (LEAD_IN_PAIRS.some((p) => phraseAt(w, i, p)) && i + 2 < w.length) i += 2;
    else return i;
  }
}

function isInversion(w: readonly string[], i: number): boolean {
  const aux = w[i];
  const next = w[i + 1];
  if (next === undefined) return false;
  if (NEGATIVE_AUXILIARIES.has(aux)) return PRONOUN_SUBJECTS.has(next) || DETERMINER_SUBJECTS.has(next);
  if (!AUXILIARIES.has(aux)) return false;
  return PRONOUN_SUBJECTS.has(next) || (!NO_DETERMINER_AFTER.has(aux) && DETERMINER_SUBJECTS.has(next));
}

/** A question can start at `i`. `strict`: the sentence did not end in "?", so its shape must
 *  say it ("what we need is…" is a statement, "what time is it" is not). */
function startsQuestion(w: readonly string[], i: number, strict: boolean): boolean {
  const word = w[i];
  if (word === undefined) return false;
  if (WH_WORDS.has(word)) return !strict || WH_QUESTION_NEXT.has(w[i + 1]) || (word === 'how' && w[i + 1] === 'come');
  if (WH_CONTRACTED.test(word)) return true;
  if (isInversion(w, i)) return true;
  return OPEN_PROMPTS.some((p) => phraseAt(w, i, p)) || ELLIPTIC_STARTS.some((p) => phraseAt(w, i, p));
}

/** Words before which a question does not start inside an unpunctuated run ("tell me what…",
 *  "I know how…", "so do I"). */
const NOT_A_NEW_QUESTION_AFTER = wordSet([
  ...STATEMENT_INVERSION_BEFORE,
  ...WH_WORDS,
  'me',
  'you',
  'us',
  'him',
  'her',
  'them',
  'know',
  'wonder',
  'wondering',
  'ask',
  'asking',
  'asked',
  'tell',
  'sure',
  'see',
  'idea',
  'if',
  'whether',
  'that',
  'is',
  'was',
  'of',
  'to',
  'about',
  'on',
  'in',
  'at',
  'for',
  'the',
  'a',
  'i',
  'we',
  'they',
  'it',
  'not',
  "don't",
  'remember',
  'understand',
  'matter',
  'and',
  'or',
  'but',
  'because',
  'think',
  'thought',
  'where',
  'explain',
  'decide',
  'figure',
  'out',
]);
/** Questions inside an unpunctuated run are at least this many words apart. */
const MIN_WORDS_BETWEEN_QUESTIONS = 3;

function questionsOf(s: Sentence, unpunctuated: boolean): Question[] {
  const w = s.words;
  const start = skipLeadIns(w, 0);
  const heads: number[] = [];
  // "So do I.", "Nor can we.": a short inversion after these is a statement.
  const statementInversion =
    !s.asked && start > 0 && STATEMENT_INVERSION_BEFORE.has(w[start - 1]) && w.length - start <= 3;
  if (statementInversion) return [];
  if (startsQuestion(w, start, !s.asked)) heads.push(start);
  else if (s.asked) {
    // "We have two options, which one do you prefer?": the question starts after a comma or a
    // lead-in; otherwise the whole sentence is asked ("so you want to ship next week?").
    let head = start;
    for (let i = start + 1; i < w.length; i++) {
      if ((s.commas.has(i - 1) || LEAD_INS.has(w[i - 1])) && startsQuestion(w, i, false)) {
        head = i;
        break;
      }
    }
    heads.push(head);
  }
  if (unpunctuated) {
    // A wh-question still waiting for its verb ("what kind of restaurant | are you looking for")
    // takes the next inversion as its own.
    let waitingForVerb = heads.length > 0 && WH_WORDS.has(w[start]) && !AUXILIARIES.has(w[start + 1]);
    for (const [i, word] of w.entries()) {
      if (i <= start) continue;
      const inversion =
        (AUXILIARIES.has(word) && PERSONAL_SUBJECTS.has(w[i + 1])) ||
        (NEGATIVE_AUXILIARIES.has(word) && isInversion(w, i));
      if (waitingForVerb && (inversion || AUXILIARIES.has(word))) {
        waitingForVerb = false;
        continue;
      }
      const last = heads.at(-1);
      if (last !== undefined && i - last < MIN_WORDS_BETWEEN_QUESTIONS) continue;
      if (NOT_A_NEW_QUESTION_AFTER.has(w[i - 1])) continue;
      const wh = WH_WORDS.has(word) && WH_QUESTION_NEXT.has(w[i + 1]);
      if (wh || WH_CONTRACTED.test(word) || inversion) {
        heads.push(i);
        waitingForVerb = wh && !AUXILIARIES.has(w[i + 1]);
      }
    }
  }
  // A statement checked with a tag: "…on Sunday, is it correct" / "…isn't it".
  if (heads.length === 0 && hasTag(s)) heads.push(start);
  if (heads.length === 0 && CLARIFYING_REQUESTS.some((p) => findPhrase(w, p).length > 0)) heads.push(start);
  return heads.map((head, n) => {
    const end = heads[n + 1] ?? w.length;
    const words = w.slice(head, end);
    return {
      text: words.join(' '),
      kind: kindOf(w, head),
      clarifying: isClarifying(words),
      aboutPerson: isAboutPerson(words),
    };
  });
}

const TAGS = [
  ...CHECK_TAGS.filter((t) => t.length > 1),
  ...[
    "isn't it",
    "aren't you",
    "aren't they",
    "aren't we",
    "don't you",
    "don't you think",
    "doesn't it",
    "wasn't it",
    "didn't you",
    "didn't we",
    "won't you",
    "won't it",
    'does that make sense',
    'does that work',
    'does that sound right',
    'sound good',
    'sounds good',
    'okay with you',
    'ok with you',
  ].map((t) => t.split(' ')),
];

function hasTag(s: Sentence): boolean {
  const w = s.words;
  if (w.length < 3) return false;
  if (TAGS.some((t) => phraseAt(w, w.length - t.length, t))) return true;
  // "…, right" with the comma the recogniser wrote.
  const last = w.length - 1;
  return (w[last] === 'right' || w[last] === 'correct') && s.commas.has(last - 1);
}

/** "tell me about…", "tell me more", "tell me how it went". */
const TELL_OPENS = new Set(['about', 'more', 'how', 'why', 'what']);

function kindOf(w: readonly string[], head: number): QuestionKind {
  const word = w[head];
  const next = w[head + 1];
  if (word === undefined) return 'closed';
  const contracted = WH_CONTRACTED.exec(word)?.[1];
  const wh = WH_WORDS.has(word) ? word : contracted;
  if (wh) {
    if (CLOSED_WH.has(wh)) return 'closed';
    if (wh === 'why') return 'open';
    if (wh === 'how') return !contracted && CLOSED_HOW_NEXT.has(next) ? 'closed' : 'open';
    // what: "what time", "what's the address" ask for a slot; "what happened", "what about…" do not.
    const afterVerb = contracted ? head + 1 : next === 'is' || next === 'was' || next === 'are' ? head + 2 : -1;
    if (!contracted && FACT_SLOTS.has(next)) return 'closed';
    if (
      afterVerb >= 0 &&
      (w[afterVerb] === 'the' || w[afterVerb] === 'your' || w[afterVerb] === 'my') &&
      FACT_SLOTS.has(w[afterVerb + 1])
    ) {
      return 'closed';
    }
    return 'open';
  }
  if (AUXILIARIES.has(word) || NEGATIVE_AUXILIARIES.has(word)) {
    // "could you walk me through…", "can you please tell me about…" open the floor; "could you
    // tell me the invoice number" asks for a fact.
    let verb = head + 2;
    if (w[verb] === 'please' || w[verb] === 'just') verb++;
    if ((next !== 'you' && next !== 'we') || !OPENING_VERBS.has(w[verb])) return 'closed';
    return w[verb] !== 'tell' || w.slice(verb + 1, verb + 4).some((x) => TELL_OPENS.has(x)) ? 'open' : 'closed';
  }
  if (OPEN_PROMPTS.some((p) => phraseAt(w, head, p))) return 'open';
  return 'closed';
}

const DO_FORMS = wordSet(['does', 'do', 'did']);

function isClarifying(words: readonly string[]): boolean {
  if (CLARIFYING.some((p) => findPhrase(words, p).length > 0)) return true;
  if (CLARIFYING_REQUESTS.some((p) => findPhrase(words, p).length > 0)) return true;
  // "what does the second phase mean", "what did they mean".
  const mean = words.indexOf('mean');
  return mean > 1 && words[0] === 'what' && DO_FORMS.has(words[1]) && words[mean - 1] !== 'i';
}

function isAboutPerson(words: readonly string[]): boolean {
  if (ABOUT_PERSON.some((p) => findPhrase(words, p).length > 0)) return true;
  for (let i = 0; i < words.length; i++) {
    // "how was your weekend", "how is your mother doing", not "how is your project going".
    if (words[i] === 'your') {
      for (let k = i + 1; k <= i + 3 && k < words.length; k++) {
        if (WORK_TOPICS.has(words[k])) break;
        if (PERSONAL_TOPICS.has(words[k])) return true;
      }
    }
    // "did you have a good weekend", "anything planned this weekend".
    if (PERSONAL_TIMES.has(words[i]) && words.includes('you')) {
      if (PERSONAL_TIME_BEFORE.has(words[i - 1]) || PLEASANT.has(words[i - 1])) return true;
    }
  }
  return false;
}

// Restatements --------------------------------------------------------------------------------

/** Content words, with a crude stem so "moves" meets "move" and "launched" meets "launch". */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of wordsOf(text)) {
    if (STOPWORDS.has(word) || (word.length < 3 && !/\d/.test(word))) continue;
    out.add(stem(word));
  }
  return out;
}

function stem(word: string): string {
  const w = word.replace(/'s$/, '');
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function restatingPhrase(said: Sentence[]): boolean {
  const all = said.flatMap((s) => s.words);
  return SUMMARY_PHRASES.some((p) => findPhrase(all, p).length > 0);
}

/** Repeating their words is a restatement when framed as one ("so …", "you …") or checked
 *  ("…, right?"); otherwise it is a reply on the same topic. */
function framedAsRestatement(said: Sentence[]): boolean {
  const first = said[0]?.words;
  const last = said.at(-1);
  if (!first || !last) return false;
  if (first.slice(0, skipLeadIns(first, 0) + 1).some((w) => RESTATEMENT_STARTS.has(w))) return true;
  return (
    CHECK_TAGS.some((t) => phraseAt(last.words, last.words.length - t.length, t)) &&
    (last.asked || last.words.length > 3)
  );
}

const joined = (said: Sentence[]) => said.map((s) => s.words.join(' ')).join(' ');

function summaryOf(said: Sentence[], previous: string | null): SummaryCue | null {
  if (restatingPhrase(said)) return 'phrase';
  if (!previous || !framedAsRestatement(said)) return null;
  const mine = contentWords(joined(said));
  const theirs = contentWords(previous);
  let shared = 0;
  for (const word of mine) if (theirs.has(word)) shared++;
  return shared >= SUMMARY_MIN_SHARED && shared / mine.size >= SUMMARY_MIN_SHARE ? 'overlap' : null;
}

/** Whether telling if `text` restates the other side needs their turn's words: it is framed as a
 *  restatement without a restating phrase and has enough content words to share. The extension
 *  transcribes the other side's turn only then. */
export function needsPreviousTurn(text: string): boolean {
  const said = sentences(text);
  return !restatingPhrase(said) && framedAsRestatement(said) && contentWords(joined(said)).size >= SUMMARY_MIN_SHARED;
}

// Thanks --------------------------------------------------------------------------------------

function thanksIndex(w: readonly string[]): number {
  for (const [i, word] of w.entries()) {
    if (!THANKS_WORDS.has(word)) continue;
    if (word === 'thank' && w[i + 1] !== 'you' && w[i + 1] !== 'u' && w[i + 1] !== 'ya') continue;
    if (NOT_THANKS.some((p) => phraseAt(w, i - 1, p) || phraseAt(w, i, p))) continue;
    if (word.startsWith('appreciate') && REQUEST_BEFORE_APPRECIATE.has(w[i - 1]) && w.slice(i).includes('if')) continue;
    return i;
  }
  return -1;
}

/** Words that name something other than the thanks itself ("the notes on the vendor risk"). */
function namesSomething(words: readonly string[]): boolean {
  return words.some((w) => !STOPWORDS.has(w) && !GENERIC_THANKS_OBJECTS.has(w) && !THANKS_WORDS.has(w) && w.length > 2);
}

function isSpecific(w: readonly string[], at: number, next: Sentence | undefined): boolean {
  const after = w.slice(at + 1);
  const forAt = after.slice(0, 5).indexOf('for');
  if (forAt >= 0 && namesSomething(after.slice(forAt + 1))) return true;
  if (w[at]?.startsWith('appreciate') && namesSomething(after)) return true;
  // The effect named beside the thanks: "thanks, your notes on the risks really helped".
  const effect = (words: readonly string[]) =>
    words.some((x) => EFFECT_WORDS.has(x)) && namesSomething(words.filter((x) => !EFFECT_WORDS.has(x)));
  return effect(after) || (next !== undefined && effect(next.words));
}

function thanksOf(said: Sentence[]): { all: number; specific: number } {
  let all = 0;
  let specific = 0;
  let previousWasThanks = false;
  let previousSpecific = false;
  said.forEach((s, n) => {
    const at = thanksIndex(s.words);
    if (at < 0) {
      previousWasThanks = false;
      return;
    }
    const isSpecificThanks = isSpecific(s.words, at, said[n + 1]);
    // "Thanks! Thank you so much." is one thank-you; a specific one after a plain one upgrades it;
    // two that each say what for are two.
    if (previousWasThanks && !(isSpecificThanks && previousSpecific)) {
      if (isSpecificThanks && !previousSpecific) specific++;
      previousSpecific ||= isSpecificThanks;
      return;
    }
    all++;
    if (isSpecificThanks) specific++;
    previousWasThanks = true;
    previousSpecific = isSpecificThanks;
  });
  return { all, specific };
}

// Fillers and hedges --------------------------------------------------------------------------

function fillersAndHedges(w: readonly string[]): {
  fillers: Record<FillerId, number>;
  hedges: Record<HedgeId, number>;
} {
  const fillers: Record<FillerId, number> = { um: 0, uh: 0, 'you-know': 0 };
  const hedges: Record<HedgeId, number> = { 'sort-of': 0, 'kind-of': 0, maybe: 0, perhaps: 0, just: 0, 'i-guess': 0 };
  for (const [i, word] of w.entries()) {
    if (UM_WORDS.has(word)) fillers.um++;
    else if (UH_WORDS.has(word)) fillers.uh++;
    else if (
      word === 'you' &&
      w[i + 1] === 'know' &&
      !YOU_KNOW_NOT_AFTER.has(w[i - 1]) &&
      !YOU_KNOW_NOT_BEFORE.has(w[i + 2])
    ) {
      fillers['you-know']++;
    } else if (
      (word === 'sort' || word === 'kind') &&
      w[i + 1] === 'of' &&
      !KIND_OF_NOT_AFTER.has(w[i - 1]) &&
      !KIND_OF_NOT_BEFORE.has(w[i + 2])
    ) {
      hedges[word === 'sort' ? 'sort-of' : 'kind-of']++;
    } else if (word === 'maybe' || word === 'perhaps' || word === 'just') hedges[word]++;
    else if (word === 'i' && w[i + 1] === 'guess') hedges['i-guess']++;
  }
  return { fillers, hedges };
}
