import { reportFormats } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { asciiSlug, renderReport, reportFileName } from '../src';
import { federalContent, packContent } from './fixture';

const asciiSafe = /^[A-Za-z0-9._-]+$/;

describe('file names', () => {
  it('are ASCII-safe for every format, from the reference and the period', async () => {
    const names: string[] = [];
    for (const format of reportFormats) {
      const content = format === 'sf425' ? federalContent() : packContent();
      const { fileName } = await renderReport(content, format);
      expect(fileName).toMatch(asciiSafe);
      names.push(fileName);
    }
    expect(names).toEqual([
      'OSF-2025-017-2025-01-01-2025-06-30.pdf',
      'OSF-2025-017-2025-01-01-2025-06-30.xlsx',
      'OSF-2025-017-2025-01-01-2025-06-30.zip',
      'SMK10025GR0042-2025-01-01-2025-06-30-sf425.pdf',
      'OSF-2025-017-2025-01-01-2025-06-30-eu-financial.xlsx',
    ]);
  });

  it('fall back to the title, transliterating Cyrillic and dropping accents', () => {
    const period = { from: '2025-01-01', to: '2025-06-30' };
    expect(reportFileName({ reference: null, title: 'Безбедна работа: Ѓорче Петров' }, period, '', 'pdf')).toBe(
      'bezbedna-rabota-gjorche-petrov-2025-01-01-2025-06-30.pdf',
    );
    expect(
      reportFileName({ reference: '  ', title: 'Punë e sigurt për të gjithë' }, period, '-eu-financial', 'xlsx'),
    ).toBe('pune-e-sigurt-per-te-gjithe-2025-01-01-2025-06-30-eu-financial.xlsx');
    expect(asciiSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(asciiSlug('🙂')).toBe('report');
    expect(asciiSlug('Stöd till Kvinnor & Hbtqi+ i Skåne')).toBe('Stod-till-Kvinnor-Hbtqi-i-Skane');
    expect(asciiSlug('x'.repeat(200))).toHaveLength(60);
  });
});
