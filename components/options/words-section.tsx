// "Understand words, on this device" (docs/words.md): off by default; a plain account of what it
// does, what it adds to the extension and what it costs; and the second switch that keeps my own
// questions' text. The figures are the measured ones (README, "Words").
import { t } from '../say';
import { Toggle } from './fields';
import type { SectionProps } from './options-app';

/** What the recogniser adds to the extension (its model and runtime, unpacked), measured. */
export const WORDS_SIZE = '43 MB';
/** Its CPU over a call, one core: 7.0 % over a 10-minute call in which I spoke 35 % of the time
 *  (bench/words.ts, README "Words"). */
export const WORDS_CPU = '7 %';

export function WordsSection({ settings, update }: SectionProps) {
  const words = settings.words;
  return (
    <section id="words" className="options-section" aria-labelledby="words-title">
      <h2 id="words-title">{t('options.words.title')}</h2>
      <Toggle
        label={t('options.words.toggle')}
        description={t('options.words.help', [WORDS_SIZE, WORDS_CPU])}
        checked={words.enabled}
        onChange={(enabled) => void update((s) => ({ ...s, words: { ...s.words, enabled } }))}
      />
      {words.enabled && (
        <Toggle
          label={t('options.words.keepQuestions')}
          description={t('options.words.keepQuestionsHelp')}
          checked={words.keepMyQuestions}
          onChange={(keepMyQuestions) => void update((s) => ({ ...s, words: { ...s.words, keepMyQuestions } }))}
        />
      )}
    </section>
  );
}
