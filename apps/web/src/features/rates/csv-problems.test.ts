import { describe, expect, it } from 'vitest';
import { csvProblems } from './exchange-rates-page';

describe('csvProblems', () => {
  it('orders the server’s per-row errors by row and keeps file-level ones', () => {
    expect(
      csvProblems({
        'row 12: rate': ['validation.invalidRate'],
        'row 3: date': ['validation.invalidDate'],
        file: ['validation.csvColumns?missing=rate'],
      }),
    ).toEqual([
      { row: null, field: 'file', key: 'validation.csvColumns?missing=rate' },
      { row: 3, field: 'date', key: 'validation.invalidDate' },
      { row: 12, field: 'rate', key: 'validation.invalidRate' },
    ]);
  });
});
