// The words core on labelled lines: as the recogniser writes them (capitals, punctuation) and as a
// transcript gives them (lower case, no punctuation). Each label is what a careful reader would say
// the line does; docs/words.md defines the categories.
import { describe, expect, it } from 'vitest';
import { needsPreviousTurn, readTurn, type QuestionKind } from '../../../lib/words/categories';
import { addReading, emptyCounts, wordRates } from '../../../lib/words/counts';
import { WordTally } from '../../../lib/words/tally';
import { sentences } from '../../../lib/words/text';

/** [line, the questions it asks: kind plus flags] */
type Asked = `${QuestionKind}${'' | '+clarifying' | '+person'}`;
const QUESTIONS: [string, Asked[]][] = [
  // Open: what / how / why, and requests that open the floor.
  ['What do you think about the new timeline?', ['open']],
  ['How did the customer react?', ['open']],
  ['Why did the vendor slip?', ['open']],
  ['Tell me about the migration.', ['open']],
  ['Could you walk me through the numbers?', ['open+clarifying']],
  ['Can you tell me more about the vendor?', ['open+clarifying']],
  ['Could you tell me the invoice number?', ['closed']],
  ['What happened after the demo?', ['open']],
  ['how come the build broke', ['open']],
  ['What about the second option?', ['open']],
  // Closed: yes/no, a fact, a number, a pick.
  ['Is the room free at three?', ['closed']],
  ['Do you have the latest draft?', ['closed']],
  ['Did the invoice go out?', ['closed']],
  ['How many people are coming?', ['closed']],
  ['When is the deadline?', ['closed']],
  ['Who owns the rollout?', ['closed']],
  ['What time does it start?', ['closed']],
  ["What's the address?", ['closed']],
  ['We have two options, which one do you prefer?', ['closed']],
  ['So you want to ship next week?', ['closed']],
  ["Shouldn't we wait for legal?", ['closed']],
  ['The launch is on Monday, right?', ['closed']],
  ['okay there will be 2 at 19:00 on sunday is it correct', ['closed']],
  ['okay perfect can i please get the travel time for this', ['closed']],
  ['anything else i can assist with', ['closed']],
  ['what kind of restaurant are you looking for', ['closed']],
  ['hi i am traveling in cambridge and in the southern part of the city do you find a health', ['closed']],
  // Clarifying.
  ['What do you mean by the second phase?', ['open+clarifying']],
  ['Sorry, could you say more about that?', ['open+clarifying']],
  ['Do you mean the March release or the April one?', ['closed+clarifying']],
  ['What does "done" mean for this ticket?', ['open+clarifying']],
  ['Can you give me an example?', ['closed+clarifying']],
  ["I'm not sure I follow.", ['closed+clarifying']],
  ['How so?', ['open+clarifying']],
  // About the person.
  ['How are you?', ['open+person']],
  ['Hi Sam, how was your weekend?', ['open+person']],
  ['Did you have a good holiday?', ['closed+person']],
  ['How is your mother doing?', ['open+person']],
  ["How's it going?", ['open+person']],
  ['Are you feeling better?', ['closed+person']],
  ['Any plans for the weekend?', ['closed+person']],
  // Two in one turn.
  ['Thanks. How was the trip? And did the client sign?', ['open+person', 'closed']],
  ['can you book a table for me how many people are we talking about', ['closed', 'closed']],
  // Not questions.
  ['We should ship it on Monday.', []],
  ['What we need is a plan.', []],
  ['How we do it matters less than when.', []],
  ['Have a lovely day.', []],
  ['Do the slides first, then the notes.', []],
  ['I wonder what they decided.', []],
  ['So do I.', []],
  ['Let me explain the budget.', []],
  ['the train should leave after two in the afternoon', []],
  ['i think the first one will be fine', []],
];

const asked = (line: string): Asked[] =>
  readTurn(line).questions.map(
    (q) => `${q.kind}${q.clarifying ? '+clarifying' : q.aboutPerson ? '+person' : ''}` as Asked,
  );

describe('questions', () => {
  it.each(QUESTIONS)('%s', (line, expected) => {
    expect(asked(line)).toEqual(expected);
  });

  it('keeps the question’s own words', () => {
    expect(readTurn('Okay, so, we have two options, which one do you prefer?').questions[0]?.text).toBe(
      'which one do you prefer',
    );
  });
});

/** [their turn, my turn, restates?] */
const SUMMARIES: [string | null, string, boolean][] = [
  [null, "So what I'm hearing is that the launch moves to March.", true],
  [null, 'If I understand correctly, the vendor needs two more weeks.', true],
  [null, 'Just to confirm, you want the report by Friday?', true],
  [null, 'Let me make sure I have this right: three people, Sunday at seven.', true],
  [null, 'In other words, we wait for legal.', true],
  [null, "You're saying that the budget is fixed.", true],
  [
    'We have to move the launch to March, the vendor is running late.',
    'So the launch moves to March because the vendor is late, right?',
    true,
  ],
  [
    'The vendor is two weeks late, so the launch moves to March.',
    'Okay, so the vendor is late and the launch moves to March.',
    true,
  ],
  [
    'I need the report reviewed by Friday and sent to the board.',
    'You need the report reviewed and sent to the board by Friday.',
    true,
  ],
  // Replies on the same topic are not restatements.
  [
    'We need to move the launch to March because the vendor is late.',
    'Moving the launch to March would hurt the marketing plan.',
    false,
  ],
  ['The vendor is late again.', 'I can call the vendor tomorrow.', false],
  ['Can you send me the report?', 'Sure, I will send the report today.', false],
  [null, 'Sounds good to me.', false],
  [null, 'It sounds like a plan.', false],
];

describe('summaries', () => {
  it.each(SUMMARIES)('after %j: %s', (previous, line, expected) => {
    expect(readTurn(line, previous).summary !== null).toBe(expected);
  });

  it('asks for the other side’s words only when a restatement could rest on them', () => {
    expect(needsPreviousTurn('So the vendor is late and the launch moves to March, right?')).toBe(true);
    expect(needsPreviousTurn("So what I'm hearing is that the launch moves.")).toBe(false);
    expect(needsPreviousTurn('I can call the vendor tomorrow about the launch.')).toBe(false);
    expect(needsPreviousTurn('So, yes.')).toBe(false);
  });

  it('says whether a phrase or the overlap with their words showed it', () => {
    expect(readTurn('To recap, we ship on Monday.').summary).toBe('phrase');
    expect(
      readTurn(
        'So the vendor is late and the launch slips to March, right?',
        'The vendor is late, the launch slips to March.',
      ).summary,
    ).toBe('overlap');
  });
});

/** [line, thanks, of which specific] */
const THANKS: [string, number, number][] = [
  ['Thanks for walking me through the budget.', 1, 1],
  ['Thank you so much for catching that bug in the release notes.', 1, 1],
  ['I really appreciate you taking the time to review the contract.', 1, 1],
  ['Thank you. Your notes on the vendor risk really helped.', 1, 1],
  ['Thanks, the summary of the risks was really useful.', 1, 1],
  ['Thanks for your help.', 1, 0],
  ['Thank you so much.', 1, 0],
  ['Thanks for that.', 1, 0],
  ['perfect thank you so much', 1, 0],
  ['great thank you for your help', 1, 0],
  ['Thanks! Thank you, really.', 1, 0],
  ['Thanks for the notes. And thanks for booking the room.', 2, 2],
  ['Appreciate it.', 1, 0],
  ['No thanks, I am fine.', 0, 0],
  ['uh no thank you', 0, 0],
  ['Thanks to the rain, the event moved indoors.', 0, 0],
  ["We'd appreciate it if you could send it by Friday.", 0, 0],
  ['I thank the committee.', 0, 0],
];

describe('thanks', () => {
  it.each(THANKS)('%s', (line, thanks, specific) => {
    const r = readTurn(line);
    expect([r.thanks, r.specificThanks]).toEqual([thanks, specific]);
  });
});

describe('fillers and hedges', () => {
  it('counts each where it is a filler or a hedge, not where it is a word', () => {
    const r = readTurn(
      'Um, I think we should, you know, maybe just wait a little. Uh, it is kind of late, sort of. I guess.',
    );
    expect(r.fillers).toEqual({ um: 1, uh: 1, 'you-know': 1 });
    expect(r.hedges).toEqual({ 'sort-of': 1, 'kind-of': 1, maybe: 1, perhaps: 0, just: 1, 'i-guess': 1 });
    const words = readTurn(
      'Do you know what kind of car it is? That sort of thing. You know him. Ah, I see. That is kind of you.',
    );
    expect(words.fillers).toEqual({ um: 0, uh: 0, 'you-know': 0 });
    expect(words.hedges['kind-of'] + words.hedges['sort-of']).toBe(0);
  });

  it('counts the words of a turn, numbers included', () => {
    expect(readTurn('It costs 37 pounds and 80 cents, at 19:00.').words).toBe(9);
  });
});

describe('sentences', () => {
  it('cuts at . ! ? but not inside numbers, and keeps commas for tags', () => {
    const s = sentences('It is 2.5 weeks late! Is that right? so, yes');
    expect(s.map((x) => x.words.join(' '))).toEqual(['it is 2.5 weeks late', 'is that right', 'so yes']);
    expect(s.map((x) => x.asked)).toEqual([false, true, false]);
    expect([...s[2]!.commas]).toEqual([0]);
  });
});

describe('counts per call', () => {
  it('adds turns up and gives rates per minute of speech only with enough of it', () => {
    let c = emptyCounts();
    c = addReading(c, readTurn('What do you mean? Thanks for the notes on the budget.'), 30);
    c = addReading(c, readTurn('How was your weekend? Is it raining there?'), 40);
    expect(c).toMatchObject({
      turns: 2,
      questions: 3,
      openQuestions: 2,
      clarifyingQuestions: 1,
      personalQuestions: 1,
      thanks: 1,
      specificThanks: 1,
    });
    expect(c.speechSec).toBe(70);
    const rates = wordRates(c)!;
    expect(rates.questionsPer10Min).toBeCloseTo((3 / 70) * 600, 6);
    expect(rates.wordsPerMin).toBeCloseTo((c.words / 70) * 60, 6);
    expect(wordRates(addReading(emptyCounts(), readTurn('Yes.'), 5))).toBeNull();
  });

  it('holds the other side’s last turn only until my next turn has been compared with it', () => {
    const tally = new WordTally();
    tally.heard('The vendor is two weeks late, so the launch moves to March.');
    expect(tally.said('Okay, so the vendor is late and the launch moves to March.', 4).summary).toBe('overlap');
    // The same words again, with nothing heard in between, are no longer a restatement.
    expect(tally.said('Okay, so the vendor is late and the launch moves to March.', 4).summary).toBeNull();
    expect(tally.counts.summaries).toBe(1);
    expect(tally.questionTexts).toBeNull();
  });

  it('keeps my questions’ text only when asked to', () => {
    const tally = new WordTally({ keepQuestions: true });
    tally.said('Thanks. What do you mean by phase two?', 3);
    expect(tally.questionTexts).toEqual(['what do you mean by phase two']);
  });
});
