import { expect, test } from 'vitest';
import { medianOf } from '../../../src/server/stats/buildStatsReport';
import { statsCsv } from '../../../src/server/stats/statsCsv';
import { statsLanguage } from '../../../src/server/stats/statsLanguage';
import { splitRange } from '../../../src/server/stats/splitRange';

test('a language counts by its primary subtag when it is a known one, else as other', () => {
  expect(['fr', 'FR', 'en-GB', 'pt-BR', 'tlh', 'xx', '', 7, null].map(statsLanguage)).toEqual(['fr', 'fr', 'en', 'pt', 'other', 'other', 'other', 'other', 'other']);
});

test('the median of a histogram of seconds: the middle value, or the mean of the two middle ones', () => {
  expect(medianOf(new Map())).toEqual({ median: null, samples: 0 });
  expect(medianOf(new Map([[3, 1], [1, 1], [20, 1]]))).toEqual({ median: 3, samples: 3 });
  expect(medianOf(new Map([[2, 2], [9, 2]]))).toEqual({ median: 5.5, samples: 4 });
  expect(medianOf(new Map([[0, 5], [3600, 1]]))).toEqual({ median: 0, samples: 6 });
});

test('CSV cells never start a spreadsheet formula, and quote what must be quoted', () => {
  const csv = statsCsv([
    { day: '2026-11-01', metric: 'decisions', key: 'save', count: 3 },
    { day: '2026-11-01', metric: 'notice', key: '+abc', count: 2 },
    { day: '2026-11-02', metric: 'notice', key: '=HYPERLINK("x")', count: 1 },
  ]);
  expect(csv).toBe(['day,metric,key,count', '2026-11-01,decisions,save,3', "2026-11-01,notice,'+abc,2", `2026-11-02,notice,"'=HYPERLINK(""x"")",1`, ''].join('\r\n'));
});

test('a range splits into whole months and the days around them', () => {
  const none = ['1', '0'];
  expect(splitRange('2026-10-01', '2026-10-31')).toEqual({ months: ['2026-10', '2026-10'], before: none, after: none });
  expect(splitRange('2025-12-02', '2026-12-01')).toEqual({ months: ['2026-01', '2026-11'], before: ['2025-12-02', '2025-12-31'], after: ['2026-12-01', '2026-12-01'] });
  expect(splitRange('2026-10-11', '2026-10-20')).toEqual({ months: none, before: ['2026-10-11', '2026-10-20'], after: none });
  expect(splitRange('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02', '2024-02'], before: none, after: none });
});
