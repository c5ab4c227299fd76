import { describe, expect, it } from 'vitest';
import { wer, werWords, wordErrors } from '../../../lib/words/wer';

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions against the reference', () => {
    expect(wordErrors('the cat sat on the mat', 'the cat sat on the mat')).toEqual({
      reference: 6,
      substitutions: 0,
      deletions: 0,
      insertions: 0,
    });
    const e = wordErrors('the cat sat on the mat', 'a cat sat on mat today');
    expect(e.substitutions + e.deletions + e.insertions).toBe(3);
    expect(wer(e)).toBeCloseTo(0.5, 6);
    expect(wordErrors('', 'hello').insertions).toBe(1);
  });

  it('ignores case and punctuation and writes numbers one way', () => {
    expect(werWords("OK, it's Forty-two!")).toEqual(['okay', "it's", '42']);
    expect(werWords('two hundred dollars instead of one hundred and twenty')).toEqual(werWords('$200 instead of 120'));
    expect(werWords('four four seven')).toEqual(['4', '4', '7']);
    expect(werWords('1,200 people and 5% more')).toEqual(['1200', 'people', 'and', '5', 'percent', 'more']);
  });
});
