import { shownText } from '@tessera/domain';
import { describe, expect, it } from 'vitest';
import { catalogs, fill, renderReport } from '../src';
import { renderPdf } from '../src/pdf/engine';
import { cyrillicNarrative, emptyContent, legacyContent, macedonianContent, packContent } from './fixture';
import { pdfText } from './read';

const isPdf = (bytes: Uint8Array) => new TextDecoder().decode(bytes.slice(0, 5)) === '%PDF-';

describe('PDF pack', () => {
  it('prints the cover, every part and the key figures in English', async () => {
    const content = packContent();
    const progress: [number, number][] = [];
    const file = await renderReport(content, 'pdf', { onProgress: (done, total) => progress.push([done, total]) });
    expect(file.contentType).toBe('application/pdf');
    expect(file.fileName).toBe('OSF-2025-017-2025-01-01-2025-06-30.pdf');
    expect(isPdf(file.bytes)).toBe(true);

    const { pages, text } = await pdfText(file.bytes);
    const cover = pages[0] ?? '';
    for (const fact of [
      'Lilith Collective Skopje',
      'Safer Work, Safer Lives',
      'Open Society Foundations',
      'OSF-2025/017',
      '1 Jan 2025 – 30 Jun 2025',
      'EUR 48,000.00',
      'Draft',
      'Generated 12 Jul 2025',
    ]) {
      expect(cover).toContain(fact);
    }
    expect(cover).not.toContain('No activity, output or spending');

    // Narrative: every section titled, Cyrillic comes back as Cyrillic, blank sections say so.
    expect(text).toContain(cyrillicNarrative);
    expect(text).toContain('Progress against objectives');
    expect(text.match(/Not written yet/g)).toHaveLength(4);

    // Activities, reach and indicators: suppressed counts print as "x", shown ones as numbers.
    expect(text).toMatch(/OUT-02 @night outreach Outreach Outreach Kumanovo 1 Apr 2025 30 Jun 2025 4 12\.5 x x 0 64/);
    expect(text).toMatch(/TR-01 Digital safety training Training Safety first Skopje .* 6 18 23 112\.5 19 0/);
    expect(text).toContain('Trans woman x x x');
    expect(text).toContain('Total 26 125 19');
    const heads = content.reach.headCounts;
    const headRow = ['Woman', ...(heads.cells[0] ?? []).map((c) => shownText(c)), shownText(heads.genderTotals[0]!)];
    expect(text).toContain(headRow.join(' '));
    expect(text).toMatch(/OP1\.2 Callers helped by the hotline people 20 x 14 80/);
    expect(text).toContain('74.7%');
    expect(text).toContain('OP1.1: Gender: Woman 18, Trans woman x, Man x (Total 23)');

    // Finance: per line, totals (with the negative variance), cash in both currencies, tranches.
    expect(text).toContain(
      '1.1 Staff Coordinator and outreach workers 26,000.00 25,000.00 24,000.00 6,000.00 6,000.00 369,000.00 18,000.00 -18,000.00 -75%',
    );
    expect(text).toContain(
      'Total 33,500.00 33,500.00 33,500.00 12,325.50 12,325.50 758,018.25 21,174.50 -21,174.50 -63.2%',
    );
    expect(text).toContain('Cash on hand 11,674.50 717,981.75');
    expect(text).toContain('15 Jul 2025 14,400.00 Not yet');

    // Footer on every page: page numbers and the suppression line.
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('x: not shown, to protect people in small groups.');
    });

    expect(progress.at(-1)).toEqual([7, 7]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(new Set(progress.map(([, total]) => total))).toEqual(new Set([7]));
  });

  it('prints Macedonian headings and numbers in Cyrillic and Macedonian format', async () => {
    const file = await renderReport(macedonianContent(), 'pdf');
    const { pages, text } = await pdfText(file.bytes);
    const L = catalogs.mk;
    expect(pages[0]).toContain('Извештај до донаторот');
    expect(pages[0]).toContain('Референца на грантот кај донаторот OSF-2025/017');
    expect(pages[0]).toContain('48.000,00 EUR');
    for (const heading of [L.parts.narrative, L.parts.activities, L.parts.reach, L.parts.indicators, L.parts.finance]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Напредок во однос на целите');
    expect(text).toContain(cyrillicNarrative);
    expect(text).toContain('Сè уште не е напишано');
    expect(text).toContain('Транс жена x x x');
    expect(text).toContain(
      'Вкупно 33.500,00 33.500,00 33.500,00 12.325,50 12.325,50 758.018,25 21.174,50 -21.174,50 -63,2 %',
    );
    expect(pages[1]).toContain(fill(L.meta.pageOf, { page: 2, pages: pages.length }));
    expect(pages[1]).toContain('x: не се прикажува за да се заштитат луѓето во мали групи.');
  });

  it('renders an empty period and says so at the top', async () => {
    const content = emptyContent();
    const submitted = {
      ...content,
      pack: { ...content.pack, status: 'submitted' as const, submittedDate: '2025-07-20' },
    };
    const file = await renderReport(submitted, 'pdf');
    const { pages, text } = await pdfText(file.bytes);
    expect(pages[0]).toContain('No activity, output or spending was recorded in this period.');
    expect(pages[0]).toContain('Status Submitted on 20 Jul 2025');
    expect(text.match(/Not written yet/g)).toHaveLength(7);
    expect(text).toContain('None recorded in this period.');
    expect(text).toContain('Total 33,500.00 33,500.00 33,500.00 0.00 0.00 0.00 33,500.00 -33,500.00 -100%');
  });

  it('refuses to fetch URLs or read local files named in a document', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/hostname' }] })).rejects.toThrow(/denied/i);
    await expect(renderPdf({ content: [{ image: 'https://example.com/logo.png' }] })).rejects.toThrow(/denied/i);
  });

  it('keeps the list of expenditure out of the pack (ledger data, for the EU report only) and draws a legacy pack', async () => {
    const { text } = await pdfText((await renderReport(packContent(), 'pdf')).bytes);
    for (const ledger of ['Hotel Bristol Skopje', 'Печатница Скопје', 'Monthly salary, March', 'PAY-6']) {
      expect(text).not.toContain(ledger);
    }
    const legacy = await pdfText((await renderReport(legacyContent(), 'pdf')).bytes);
    expect(legacy.text).toContain('Safer Work, Safer Lives');
  });
});
