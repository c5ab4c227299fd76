// The word lists the categories are read with (docs/words.md says what each category means and
// why). Phrases are written as text and matched as whole words on lower-case text.
import { phrases } from './text';

/** Said before the point of a sentence ("okay so can you…"): skipped when looking for how a
 *  sentence starts. */
export const LEAD_INS = new Set([
  'okay', 'ok', 'so', 'and', 'but', 'well', 'right', 'alright', 'um', 'umm', 'uh', 'er', 'erm', 'ah', 'oh',
  'yeah', 'yes', 'yep', 'no', 'great', 'perfect', 'sure', 'cool', 'good', 'fine', 'hi', 'hello', 'hey',
  'also', 'then', 'now', 'sorry', 'actually', 'or', 'just', 'thanks', 'anyway', 'mhm', 'hmm', 'mm',
]);
/** "thank you" as a lead-in ("thank you what time does it open"). */
export const LEAD_IN_PAIRS = phrases(['thank you', 'all right', 'got it', 'i see']);

export const WH_WORDS = new Set(['what', 'how', 'why', 'when', 'where', 'who', 'whom', 'whose', 'which']);
/** Contracted wh-words carry their verb: "what's", "how's". */
export const WH_CONTRACTED = /^(what|how|why|when|where|who)'(s|re|d|ll|ve)$/;

export const AUXILIARIES = new Set([
  'is', 'are', 'was', 'were', 'am', 'do', 'does', 'did', 'can', 'could', 'would', 'will', 'should', 'shall',
  'may', 'might', 'must', 'have', 'has', 'had',
]);
export const NEGATIVE_AUXILIARIES = new Set([
  "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "can't", "couldn't", "wouldn't", "won't",
  "shouldn't", "haven't", "hasn't", "hadn't", "mustn't", 'cannot',
]);
/** Subjects that follow an auxiliary in a yes/no question ("do you", "is there"). */
export const PRONOUN_SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'there', 'this', 'that', 'these', 'those']);
/** Determiners that may start the subject after "is", "can", "did"… ("is the room free") but not
 *  after "do" or "have", which start commands with them ("do the slides", "have a good day"). */
export const DETERMINER_SUBJECTS = new Set([
  'the', 'a', 'an', 'any', 'your', 'my', 'our', 'his', 'her', 'their', 'its', 'anyone', 'anybody', 'anything',
  'someone', 'somebody', 'something', 'everyone', 'everybody', 'everything', 'nobody', 'all', 'everyone',
]);
export const NO_DETERMINER_AFTER = new Set(['do', 'have', 'has', 'had']);
/** Inside an unpunctuated run, where "is a…" and "was the…" are mostly statements, only these
 *  subjects mark a question ("…the city do you have…"). */
export const PERSONAL_SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'there']);
/** "so do I", "nor can we", "as did they": inversions that are statements. */
export const STATEMENT_INVERSION_BEFORE = new Set(['so', 'nor', 'neither', 'as', 'than', 'only']);

/** After a wh-word at the start of a sentence without "?", these make it a question ("what kind
 *  of", "how many", "why not"); "what we need is…" is a statement. */
export const WH_QUESTION_NEXT = new Set([
  ...AUXILIARIES, ...NEGATIVE_AUXILIARIES, 'kind', 'sort', 'type', 'many', 'much', 'long', 'often', 'far', 'old',
  'soon', 'about', 'if', 'else', 'exactly', 'time', 'day', 'come', 'happened', 'not', 'other', 'way', 'part',
  'date', 'year', 'number', 'name',
]);

/** Asks for a fact, a number or a pick from a few: short answers. */
export const CLOSED_WH = new Set(['who', 'whom', 'whose', 'when', 'where', 'which']);
export const CLOSED_HOW_NEXT = new Set(['many', 'much', 'long', 'often', 'far', 'old', 'soon', 'big', 'late', 'early', 'about']);
/** "what time", "what's the address": a slot to fill. */
export const FACT_SLOTS = new Set([
  'time', 'day', 'date', 'year', 'kind', 'sort', 'type', 'number', 'name', 'size', 'colour', 'color', 'price',
  'cost', 'percentage', 'age', 'address', 'email', 'phone', 'deadline', 'budget', 'room', 'one', 'version', 'month',
]);
/** "can you tell me about…", "could you walk me through…": an auxiliary that opens the floor. */
export const OPENING_VERBS = new Set(['tell', 'explain', 'describe', 'walk', 'talk', 'elaborate', 'expand', 'share', 'say']);
/** Requests that work as open questions without a question's shape. */
export const OPEN_PROMPTS = phrases([
  'tell me', 'tell us', 'talk me through', 'walk me through', 'talk us through', 'walk us through', 'describe',
  'explain', 'help me understand', 'say more', 'say a bit more', 'say a little more',
]);
/** Elliptical questions ("anything else?"), taken as questions only where a question can start. */
export const ELLIPTIC_STARTS = phrases(['anything else', 'any other', 'any questions', 'any thoughts', 'any ideas', 'any concerns', 'and you']);

/** Asking what the other meant, or for more of it: counted where the sentence is a question. */
export const CLARIFYING = phrases([
  'what do you mean', 'what did you mean', 'what does that mean', 'what does it mean', 'how do you mean', 'do you mean',
  'did you mean', 'you mean', 'meaning what', 'are you saying', 'say more', 'say a bit more', 'say a little more',
  'tell me more', 'tell me a bit more', 'tell me a little more', 'tell us more', 'elaborate', 'expand on',
  'clarify', 'explain', 'say that again', 'repeat that', 'come again', 'what exactly', 'how exactly', 'why exactly',
  'exactly what', 'exactly how', 'in what way', 'in what sense', 'how so', 'an example', 'for example',
  'more specific', 'be specific', 'what was that', 'help me understand', 'walk me through', 'talk me through',
  'what is meant', 'what was meant', 'mean by',
]);
/** Statements that ask for clarification all the same ("I'm not sure I follow"). */
export const CLARIFYING_REQUESTS = phrases([
  "don't follow", 'not following', 'not sure i follow', 'not sure i understand', "didn't catch", "didn't quite catch",
  'missed that', 'lost me', "don't understand what you", "didn't understand what you", 'not sure what you mean',
  "i'm not sure what you mean",
]);

/** Asking after the person: phrases, and the personal topics of "how was your …". */
export const ABOUT_PERSON = phrases([
  'how are you', "how're you", 'how are things', "how's things", 'how have you been', "how've you been", "how's it going",
  'how is it going', "how's everything", 'how is everything', "how's life", 'how is life', 'how you doing',
  'what have you been up to', 'what are you up to', 'are you okay', 'are you ok', 'are you alright', 'are you all right',
  'are you feeling', 'you okay', 'you alright', 'how are you getting on', 'how are you settling', 'how are you finding',
  'how are you holding up', 'how are you feeling', 'any plans for', 'how was the weekend', 'how was the holiday',
  'how was the trip', 'how was the break',
]);
export const PERSONAL_TOPICS = new Set([
  'weekend', 'weekends', 'holiday', 'holidays', 'vacation', 'trip', 'break', 'day', 'week', 'morning', 'evening', 'night',
  'summer', 'christmas', 'birthday', 'family', 'kids', 'children', 'son', 'daughter', 'wife', 'husband', 'partner',
  'mother', 'mom', 'mum', 'father', 'dad', 'parents', 'brother', 'sister', 'baby', 'health', 'leave', 'flight',
  'journey', 'travels', 'move', 'dog', 'cat', 'friends', 'friend', 'cold', 'recovery',
]);
/** "did you do anything this weekend": times of one's own. */
export const PERSONAL_TIMES = new Set(['weekend', 'holiday', 'holidays', 'vacation', 'summer', 'christmas', 'break', 'trip', 'evening', 'night']);
export const PERSONAL_TIME_BEFORE = new Set(['this', 'last', 'the', 'next', 'your']);
export const PLEASANT = new Set(['good', 'nice', 'great', 'lovely', 'fun', 'relaxing', 'restful', 'decent']);
/** "how is your …" about work is not about the person. */
export const WORK_TOPICS = new Set(['project', 'team', 'report', 'deck', 'plan', 'code', 'work', 'task', 'ticket', 'budget', 'proposal', 'deadline', 'launch', 'number', 'numbers', 'name', 'address']);

/** A restatement's frame: it starts with one of these ("so the launch moves…", "you want…")… */
export const RESTATEMENT_STARTS = new Set(['so', 'you', "you're", 'your', 'sounds', 'basically', 'essentially', "that's", 'that']);
/** …or checks itself at the end ("…, right?", "is that correct?"). */
export const CHECK_TAGS = phrases(['right', 'correct', 'is that right', 'is that correct', 'is it correct', 'is that it', 'did i get that right', 'yes', 'yeah', 'true', 'is that true', 'am i right']);

/** Restating what the other said, to check it. */
export const SUMMARY_PHRASES = phrases([
  "what i'm hearing", 'what i am hearing', 'what i hear is', 'so what i hear', 'what i heard', 'if i understand',
  'if i understood', "if i'm understanding", 'if i am understanding', "if i've got this right", 'if i got that right',
  'if i got this right', 'if i have this right', 'if i have that right', "if i'm hearing you", 'if i am hearing you',
  'let me make sure i', 'just to make sure i', 'to make sure i understand', 'make sure i understand', 'just to confirm',
  'so to confirm', 'let me confirm', 'to confirm you', "so you're saying", "you're saying that", 'so you are saying',
  "what you're saying is", 'what you are saying is', 'so you mean', 'in other words', 'to summarise', 'to summarize',
  'let me summarise', 'let me summarize', 'in summary', 'to sum up', 'to recap', 'let me recap', 'play that back',
  'play it back', 'play back what', 'let me repeat', 'sounds like you', "sounds like you're", 'sounds like your',
  'so basically you', "so you'd like", 'so you would like', 'so you want', 'so you need', "so you're looking",
  'so the plan is', 'so the idea is', 'let me check i', 'let me check that i', 'correct me if', 'let me see if i',
]);

export const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'so', 'if', 'then', 'than', 'that', 'this', 'these', 'those', 'there', 'here',
  'i', 'me', 'my', 'mine', 'we', 'us', 'our', 'you', 'your', 'yours', 'he', 'him', 'his', 'she', 'her', 'they', 'them',
  'their', 'it', 'its', "it's", "i'm", "you're", "we're", "they're", "that's", "there's", "what's", "i've", "we've",
  "you've", "i'll", "we'll", "you'll", "i'd", "we'd", "you'd", 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am',
  'do', 'does', 'did', 'done', 'have', 'has', 'had', 'can', 'could', 'would', 'will', 'should', 'shall', 'may',
  'might', 'must', "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't", 'not', 'no', 'yes', 'yeah',
  'okay', 'ok', 'right', 'well', 'oh', 'um', 'uh', 'just', 'really', 'very', 'quite', 'also', 'too', 'of', 'in',
  'on', 'at', 'to', 'for', 'from', 'with', 'by', 'about', 'as', 'into', 'up', 'down', 'out', 'over', 'what', 'how',
  'why', 'when', 'where', 'who', 'which', 'some', 'any', 'all', 'more', 'most', 'much', 'many', 'one', 'get', 'got',
  'going', 'go', 'like', 'know', 'think', 'mean', 'say', 'said', 'saying', 'hear', 'hearing', 'sounds', 'sound',
  'want', 'need', 'let', 'make', 'sure', 'thing', 'things', 'kind', 'sort', 'lot', 'bit', 'now', 'still', 'even',
  'because', 'maybe', 'probably', 'actually', 'basically', 'understand', 'correctly', 'hmm', 'mhm', 'great',
  'good', 'perfect', 'fine', 'thank', 'thanks', 'please', 'sorry', 'something', 'anything', 'everything',
]);

export const THANKS_WORDS = new Set(['thanks', 'thank', 'thankyou', 'appreciate', 'appreciated', 'grateful']);
/** Declining ("no thanks") or cause ("thanks to the rain"), not appreciation. */
export const NOT_THANKS = phrases(['no thanks', 'no thank you', 'thanks to', 'thank god', 'thank goodness', 'thanks but no']);
/** "we'd appreciate it if you could…": a request. */
export const REQUEST_BEFORE_APPRECIATE = new Set(['would', "i'd", "we'd", 'will', "i'll", "we'll", 'really']);
/** What a thank-you may name without saying what for. */
export const GENERIC_THANKS_OBJECTS = new Set([
  'it', 'that', 'this', 'everything', 'all', 'your', 'help', 'time', 'coming', 'calling', 'joining', 'listening',
  'having', 'me', 'us', 'you', 'the', 'a', 'so', 'much', 'very', 'lot', 'again', 'today', 'now', 'patience',
  'attention', 'being', 'here', 'call', 'meeting', 'chat', 'info', 'information', 'assistance', 'support', 'asking',
  'waiting', 'letting', 'know', 'getting', 'back', 'reaching', 'out', 'taking', 'my', 'our', 'doing', 'making',
  'helping', 'great', 'nice', 'kind', 'words', 'hosting', 'organizing', 'organising', 'input', 'feedback',
]);
/** Naming the effect after a thank-you: "your notes on the risks really helped". */
export const EFFECT_WORDS = new Set(['helped', 'helpful', 'useful', 'saved', 'clarified', 'clear', 'insightful', 'valuable']);

export const UM_WORDS = new Set(['um', 'umm', 'ummm', 'uhm', 'erm']);
/** Not "ah" or "oh": those are mostly exclamations ("ah, I see"). */
export const UH_WORDS = new Set(['uh', 'uhh', 'er', 'err']);
/** "do you know", "you know what I…", "you know him": the verb, not the filler. */
export const YOU_KNOW_NOT_AFTER = new Set(['do', 'did', "don't", "didn't", 'if', 'as', 'let', 'i', 'we', 'they', 'whether', 'cannot', "can't", 'could', 'can']);
export const YOU_KNOW_NOT_BEFORE = new Set(['what', 'that', 'how', 'where', 'why', 'who', 'when', 'him', 'her', 'them', 'it', 'about', 'any', 'anything', 'much', 'me', 'us', 'this', 'whether', 'if', 'which']);
/** "what kind of", "a sort of": the noun, not the hedge. */
export const KIND_OF_NOT_AFTER = new Set([
  'what', 'which', 'this', 'that', 'these', 'those', 'a', 'the', 'any', 'some', 'every', 'no', 'all', 'same',
  'one', 'another', 'of', 'different', 'other', 'right', 'wrong', 'only', 'first', 'new', 'whatever', 'each',
]);
/** "that's kind of you": kind, not a hedge. */
export const KIND_OF_NOT_BEFORE = new Set(['you', 'him', 'her', 'them', 'us', 'me']);
