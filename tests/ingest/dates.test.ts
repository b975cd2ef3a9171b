// Dates a Case's sentence writes (src/extract/dates.ts), read against the article's date, with
// the numbers and words that are no date.
import { describe, expect, it } from 'vitest';
import { dateInSentence } from '../../src/extract/dates.js';

const PUBLISHED = '2024-05-10';

describe('dates written in a sentence', () => {
  it.each([
    ['The bank hack on 5 November 2023 emptied the accounts.', '2023-11-05', 'day'],
    ['The attack of 2nd Feb. 2019 was claimed by the group.', '2019-02-02', 'day'],
    ['The breach, discovered on November 5, 2023, exposed data.', '2023-11-05', 'day'],
    ['Logs dated 2023-08-14 show the intrusion.', '2023-08-14', 'day'],
    ['The bank hack in March 2019 was the work of Lazarus Group.', '2019-03-15', 'month'],
    ['The fires on 3 May destroyed the depot.', '2024-05-03', 'day'],
    ['The fires on 30 May destroyed the depot.', '2023-05-30', 'day'],
    ['The plot was foiled in March.', '2024-03-15', 'month'],
    ['The plot was foiled in June.', '2023-06-15', 'month'],
    ['The campaign began in 2016.', '2016-07-01', 'year'],
  ])('%s', (sentence, date, precision) => {
    expect(dateInSentence(sentence, PUBLISHED)).toMatchObject({ date, precision });
  });

  it.each([
    'More than 2000 people were evacuated.',
    'He may attack again, police said.',
    'The attack on Monday killed two.',
    'Unit 26165 hacked the Bundestag.',
  ])('no date in: %s', (sentence) => {
    expect(dateInSentence(sentence, PUBLISHED)).toBeUndefined();
  });
});
