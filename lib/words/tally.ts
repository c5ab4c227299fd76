// One side's words through a call, read a turn at a time into counts (lib/words/counts.ts).
import { readTurn, type TurnReading } from './categories';
import { addReading, emptyCounts, MAX_KEPT_QUESTION_CHARS, MAX_KEPT_QUESTIONS, type WordCounts } from './counts';

/**
 * One side's words through a call, a turn at a time. The other side's last turn is held only
 * until this side's next turn has been compared with it (for restatements), then dropped.
 */
export class WordTally {
  counts: WordCounts = emptyCounts();
  private previousOther: string | null = null;
  /** My questions' text, kept only when asked for (a setting: "keep my questions"). */
  readonly questionTexts: string[] | null;

  constructor(options: { keepQuestions?: boolean } = {}) {
    this.questionTexts = options.keepQuestions ? [] : null;
  }

  /** The other side finished a turn: held for the restatement check of this side's next turn. */
  heard(text: string): void {
    this.previousOther = text;
  }

  /** This side's turn, read and counted; its words are not kept. */
  said(text: string, speechSec: number): TurnReading {
    const reading = readTurn(text, this.previousOther);
    this.previousOther = null;
    this.counts = addReading(this.counts, reading, speechSec);
    if (this.questionTexts) {
      for (const q of reading.questions) {
        if (this.questionTexts.length < MAX_KEPT_QUESTIONS)
          this.questionTexts.push(q.text.slice(0, MAX_KEPT_QUESTION_CHARS));
      }
    }
    return reading;
  }

  /** A turn of this side that could not be transcribed. */
  missed(): void {
    this.counts = { ...this.counts, missedTurns: this.counts.missedTurns + 1 };
    this.previousOther = null;
  }
}
