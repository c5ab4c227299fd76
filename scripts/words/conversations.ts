// Conversations with known lines, for measuring the words (scripts/words-accuracy.ts): spoken by
// espeak-ng voices into two-channel scenes, and read as text. Written for this measurement and not
// used to tune the rules (the unit tests' lines are separate). Each line carries what it does:
// its questions (kind and flags), whether it restates the line before it, its thanks.
import type { QuestionKind } from '../../lib/words/categories';

export type AskedLabel = `${QuestionKind}${'' | '+clarifying' | '+person'}`;

export interface LineLabel {
  q?: AskedLabel[];
  summary?: boolean;
  thanks?: number;
  specific?: number;
}

export interface Line extends LineLabel {
  by: 'self' | 'others';
  text: string;
}

export interface Conversation {
  id: string;
  /** espeak-ng voices for me and for the others. */
  voices: { self: string; others: string };
  lines: Line[];
}

const S = (text: string, label: LineLabel = {}): Line => ({ by: 'self', text, ...label });
const O = (text: string, label: LineLabel = {}): Line => ({ by: 'others', text, ...label });

export const CONVERSATIONS: Conversation[] = [
  {
    id: 'checkin',
    voices: { self: 'en-gb', others: 'en-us+f3' },
    lines: [
      O("Morning! Sorry I'm a few minutes late, the train was delayed again."),
      S('No problem at all. How was your weekend?', { q: ['open+person'] }),
      O('Pretty good, we went hiking up in the hills with the kids.'),
      S('That sounds lovely. So, where are we with the vendor contract?', { q: ['closed'] }),
      O(
        'Legal flagged two clauses, the liability cap and the data retention terms, so signing slips to next Thursday.',
      ),
      S('So legal flagged the liability cap and the retention terms, and signing moves to Thursday, right?', {
        q: ['closed'],
        summary: true,
      }),
      O("Exactly, that's where it stands."),
      S('What do you mean by the retention terms?', { q: ['open+clarifying'] }),
      O('They want to keep our customer records for seven years after the contract ends.'),
      S('Thanks for chasing legal on this, I know it took a lot of your time.', { thanks: 1, specific: 1 }),
      O('Happy to help.'),
      S('Great. Have a lovely afternoon.'),
    ],
  },
  {
    id: 'design',
    voices: { self: 'en-us', others: 'en-gb-x-rp' },
    lines: [
      O('I finished the first draft of the onboarding screens yesterday.'),
      S('Great, can you walk me through the main flow?', { q: ['open+clarifying'] }),
      O('Sure. New users pick a team, invite two colleagues, and then land on an empty dashboard.'),
      S('Why do they land on an empty dashboard?', { q: ['open'] }),
      O("We didn't have sample data ready, so it was the quickest option."),
      S('Okay. What I would do is add a short checklist there, maybe.'),
      O('That makes sense, I can mock it up this week. How we handle empty states is still open.'),
      S('Thank you so much.', { thanks: 1 }),
      O('Do you want me to share it before Friday?', { q: ['closed'] }),
      S('Yes please, Thursday would be ideal.'),
    ],
  },
  {
    id: 'support',
    voices: { self: 'en-us+m3', others: 'en-gb' },
    lines: [
      O("Hi, I'm calling because my invoice shows the wrong amount."),
      S("I'm sorry to hear that. Could you tell me the invoice number?", { q: ['closed'] }),
      O("Sure, it's four four seven two one."),
      S('And when did you receive it?', { q: ['closed'] }),
      O('Last Monday, and it says two hundred dollars instead of one hundred and twenty.'),
      S('So you were charged two hundred dollars instead of one hundred and twenty.', { summary: true }),
      O("Yes, that's right."),
      S("Um, let me check that for you. It looks like a discount wasn't applied."),
      O('Oh, I see.'),
      S("I'll fix it today. Is there anything else I can help with?", { q: ['closed'] }),
      O("No, that's everything, thank you.", { thanks: 1 }),
    ],
  },
  {
    id: 'one-on-one',
    voices: { self: 'en-gb-scotland', others: 'en-us+f2' },
    lines: [
      S('Hey Priya, how are you doing?', { q: ['open+person'] }),
      O('A bit tired, honestly. The release last night ran until two in the morning.'),
      S('Oh no. Are you okay?', { q: ['closed+person'] }),
      O('I am fine, I just need some sleep.'),
      S('I really appreciate you staying late to get the release out.', { thanks: 1, specific: 1 }),
      O('Thanks, it was a team effort.', { thanks: 1 }),
      S('Tell me more about what went wrong.', { q: ['open+clarifying'] }),
      O('The database migration locked a table for forty minutes and the checkout page timed out.'),
      S('If I understand correctly, the migration locked the table and checkout timed out.', { summary: true }),
      O('Yes, exactly.'),
      S('What would help you most next time?', { q: ['open'] }),
    ],
  },
  {
    id: 'discovery',
    voices: { self: 'en-us', others: 'en-gb-scotland' },
    lines: [
      O("We're a team of about forty people, mostly in sales and support."),
      S('And what tools are you using today?', { q: ['open'] }),
      O('Mostly spreadsheets, and a shared inbox for customer emails.'),
      S('How is that working for you?', { q: ['open'] }),
      O("It's fine for now, but things get lost when someone is on holiday."),
      S('Things get lost when someone is away, is that correct?', { q: ['closed'], summary: true }),
      O("Yes, that's the main problem."),
      S("You know, that's kind of what we hear from most teams your size."),
      O('What does the pricing look like?', { q: ['open'] }),
      S("It's twelve dollars per person per month. Thanks for asking about the budget early, it really helps.", {
        thanks: 1,
        specific: 1,
      }),
    ],
  },
  {
    id: 'planning',
    voices: { self: 'en-gb-x-rp', others: 'en-us+m3' },
    lines: [
      O("For the next sprint I'd like to focus on the search feature."),
      S('Okay. Which part of search?', { q: ['closed'] }),
      O('Mainly the filters, people keep asking for date ranges.'),
      S('Do you mean filters in the mobile app or on the website?', { q: ['closed+clarifying'] }),
      O('Both, but the website first.'),
      S('Uh, I guess that works. How many engineers would you need?', { q: ['closed'] }),
      O('Probably three, for about two weeks.'),
      S('Just to confirm, three engineers for two weeks, website first.', { summary: true }),
      O("That's it."),
      S('Thanks, that helps.', { thanks: 1 }),
      O('No problem. Enjoy the rest of your day.'),
    ],
  },
  {
    // Fillers and hedges, to see which of them survive the recogniser.
    id: 'hedges',
    voices: { self: 'en-us', others: 'en-gb' },
    lines: [
      S('I think we could maybe start with the smaller customers.'),
      O('Maybe, but the big ones are sort of waiting already.'),
      S("I guess that's true. We could just ask them, you know, what matters most."),
      O("Perhaps. It's kind of late in the quarter for a survey though."),
      S('Um, I just think a short call would be enough.'),
      O('Uh, okay, maybe a call with the top five, then.'),
      S("That sort of works for me. I'll just send the invites."),
      O('Perhaps we can also, you know, share the agenda before.'),
      S("Yeah, I guess that's kind of the point. Maybe we just do it tomorrow."),
      O('Um, tomorrow is sort of full for me, perhaps on Thursday.'),
      S('Thursday works. I guess I was, uh, kind of hoping for sooner, you know.'),
      O("I'll just check with the team, maybe they can move something."),
      S('Um, sure, and perhaps I can sort of prepare the questions, just in case.'),
      O("Uh, that's kind of you. I guess we're set, you know."),
    ],
  },
];
