import { describe, expect, it } from 'vitest';
import { NotUsFederalError, renderReport } from '../src';
import { federalContent, federalLines, packContent } from './fixture';
import { pdfText } from './read';

const usd = (minor: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

describe('SF-425 and performance progress report', () => {
  it('fills the cover fields held and line 10 a–o in dollars, leaving the rest to fill by hand', async () => {
    const content = federalContent();
    const progress: number[] = [];
    const file = await renderReport(content, 'sf425', { onProgress: (done) => progress.push(done) });
    expect(file.fileName).toBe('SMK10025GR0042-2025-01-01-2025-06-30-sf425.pdf');
    expect(file.contentType).toBe('application/pdf');
    const { pages, text } = await pdfText(file.bytes);

    expect(pages[0]).toContain('Federal Financial Report (SF-425)');
    expect(text).toContain('1. Federal agency to which the report is submitted U.S. Embassy Skopje');
    expect(text).toContain('2. Federal grant or other identifying number SMK10025GR0042');
    expect(text).toContain('3. Recipient organization (name) Lilith Collective Skopje');
    expect(text).toContain('4a. UEI (to be completed by hand)');
    expect(text).toContain('4b. EIN (to be completed by hand)');
    expect(text).toContain('[X] Final');
    expect(text).toContain('7. Basis of accounting Cash');
    expect(text).toContain('8. Project/grant period 07/01/2024 – 06/30/2025');
    expect(text).toContain('9. Reporting period end date 06/30/2025');

    const lines = federalLines;
    expect(text).toContain(`10a Cash receipts ${usd(lines.a)}`);
    expect(text).toContain(`10b Cash disbursements ${usd(lines.b)}`);
    expect(text).toContain(`10c Cash on hand = a − b ${usd(lines.c)}`);
    expect(lines.c).toBe(lines.a - lines.b);
    expect(text).toContain(`10g Total federal share = e + f ${usd(lines.g)}`);
    expect(text).toContain(`10h Unobligated balance of federal funds = d − g ${usd(lines.h)}`);
    expect(text).toContain(`10k Remaining recipient share to be provided = i − j ${usd(lines.k)}`);
    expect(text).toContain(`10o Unexpended program income = l − m − n ${usd(lines.o)}`);
    expect(usd(lines.c)).toBe('$6,265.88');
    expect(usd(lines.o)).toBe('$150.00');
    // The form has no budget lines: its remarks carry the three budget totals.
    expect(text).toContain(
      '12. Remarks Approved budget: original $33,500.00; revised by the end of the period $33,500.00; current $33,500.00.',
    );
    expect(text).toContain(
      '13. Certification Name and title of authorized certifying official (to be completed by hand)',
    );

    // Part 2: the PPR cover, narrative and indicators.
    expect(text).toContain('Performance Progress Report');
    expect(text).toContain('Final report Yes');
    expect(text).toContain('Progress against objectives');
    expect(text).toMatch(/OP1\.1 People trained in digital safety people 0 30 23 23 76\.7% 120/);
    expect(progress.at(-1)).toBe(3);
  });

  it('prints the reader’s language under the official English labels', async () => {
    const file = await renderReport({ ...federalContent(), locale: 'mk' }, 'sf425');
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('Cash receipts Примени парични средства');
    expect(text).toContain('Извештај за напредокот');
  });

  it('marks an interim report by its period length, not as final', async () => {
    const content = federalContent();
    const file = await renderReport({ ...content, grant: { ...content.grant, endDate: '2026-06-30' } }, 'sf425');
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('[X] Semi-annual');
    expect(text).toContain('Final report No');
  });

  it('carries the activities, the participant counts as suppressed in the pack, and the budget by category', async () => {
    const { text } = await pdfText((await renderReport(federalContent(), 'sf425')).bytes);
    const ppr = text.slice(text.indexOf('Performance Progress Report'));
    expect(ppr).toContain('Activities');
    expect(ppr).toMatch(/TR-01 Digital safety training Training Safety first Skopje .* 6 18 23 112\.5 19 0/);
    // Three people at the outreach: the pack hid them and their hours; the PPR prints the mark.
    expect(ppr).toMatch(/OUT-02 @night outreach Outreach Outreach Kumanovo .* 4 12\.5 x x 0 64/);
    expect(ppr).not.toMatch(/OUT-02 @night outreach .* 4 12\.5 3 /);
    expect(ppr).toContain('Participants reached');
    expect(ppr).toMatch(/Unique participants 26/);
    expect(ppr).toContain('Budget by category');
    expect(ppr).toMatch(/Staff \S*24,000\.00 \S*6,000\.00 \S*6,000\.00 \S*18,000\.00/);
    expect(ppr).toMatch(/Printing \S*1,500\.00 \S*1,825\.00 \S*1,825\.00 -\S*325\.00/);
    expect(ppr).toMatch(/Total \S*33,500\.00 \S*12,325\.50 \S*12,325\.50/);
  });

  it('ticks no report type for an eight-month period to date, leaving it to the signer, instead of "Annual"', async () => {
    const content = federalContent();
    const file = await renderReport(
      {
        ...content,
        period: { from: '2024-07-01', to: '2025-02-28' },
        grant: { ...content.grant, endDate: '2026-06-30' },
      },
      'sf425',
    );
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('[ ] Quarterly [ ] Semi-annual [ ] Annual [ ] Final (to be completed by hand)');
    expect(text).toContain('Final report No');
    expect(text).toContain('Report frequency (to be completed by hand)');
  });

  it('refuses a grant that is not a U.S. federal award, with a clear message', async () => {
    const content = packContent();
    await expect(renderReport(content, 'sf425')).rejects.toThrow(NotUsFederalError);
    await expect(renderReport(content, 'sf425')).rejects.toThrow(/not a U\.S\. federal award/);
  });
});
