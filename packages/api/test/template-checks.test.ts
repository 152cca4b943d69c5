import { templatePolicy } from '@tessera/domain';
import { createTestFunder } from '@tessera/db/testing';
import { docxParts, docxWith, xlsxWith } from '@tessera/reports/testing';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../src/services/templates/template-checks';
import { lyingZipBomb } from '../src/testing/hostile-files';
import { callerFor, createTestDatabase, createTestOrganization } from './helpers';

/** What checkTemplate refused with: the message and the field errors on `file`. */
async function refused(bytes: Uint8Array): Promise<{ message: string; file: string[] }> {
  const error = await checkTemplate(bytes).then(
    () => null,
    (e: unknown) => e as { code?: string; message: string; fieldErrors?: Record<string, string[]> },
  );
  expect(error, 'the template was accepted').not.toBeNull();
  expect(error?.code).toBe('VALIDATION');
  return { message: error?.message ?? '', file: error?.fieldErrors?.file ?? [] };
}

const withTypes = (parts: Record<string, Uint8Array>, replace: (types: string) => string) => ({
  ...parts,
  '[Content_Types].xml': strToU8(replace(new TextDecoder().decode(parts['[Content_Types].xml']))),
});

describe('a funder template’s checks', () => {
  it('accepts a plain DOCX and XLSX with catalogue tags, and answers what was found', async () => {
    const docx = await checkTemplate(docxWith(['{grant.title}', '{#budgetLines}{code}{/budgetLines}']));
    expect(docx.kind).toBe('docx');
    expect(docx.found.map((f) => f.tag)).toEqual(['grant.title', 'budgetLines', 'code']);
    const xlsx = await checkTemplate(await xlsxWith([['{finance.spent}']]));
    expect(xlsx.kind).toBe('xlsx');
  });

  it('refuses a macro-enabled document (docm) naming the part', async () => {
    const docm = zipSync({
      ...withTypes(docxParts(['{grant.title}']), (t) =>
        t
          .replace('wordprocessingml.document.main+xml', 'wordprocessingml.document.main+xml')
          .replace(
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
            'application/vnd.ms-word.document.macroEnabled.main+xml',
          ),
      ),
    });
    const result = await refused(docm);
    expect(result.file[0]).toMatch(/^validation\.templateMacro\?part=.*macroEnabled/);
    const withProject = await refused(docxWith(['x'], { 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) }));
    expect(withProject.file).toEqual(['validation.templateMacro?part=word%2FvbaProject.bin']);
  });

  it('refuses a macro-enabled workbook (xlsm) naming the part', async () => {
    const parts = unzipSync(await xlsxWith([['{finance.spent}']]));
    parts['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf]);
    const result = await refused(zipSync(parts));
    expect(result.message).toContain('xl/vbaProject.bin');
  });

  it('refuses external links: an externalLink part, or a relationship to an outside target', async () => {
    const parts = unzipSync(await xlsxWith([['{finance.spent}']]));
    parts['xl/externalLinks/externalLink1.xml'] = strToU8('<externalLink/>');
    expect((await refused(zipSync(parts))).file).toEqual([
      'validation.templateExternal?part=xl%2FexternalLinks%2FexternalLink1.xml',
    ]);
    const rels = strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://tracker.example/t.dotm" TargetMode="External"/></Relationships>',
    );
    const remote = await refused(docxWith(['{grant.title}'], { 'word/_rels/settings.xml.rels': rels }));
    expect(remote.message).toContain('word/_rels/settings.xml.rels: attachedTemplate');
  });

  it('keeps a plain hyperlink to the funder’s website', async () => {
    const rels = strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://funder.example" TargetMode="External"/></Relationships>',
    );
    await expect(
      checkTemplate(docxWith(['{grant.title}'], { 'word/_rels/document.xml.rels': rels })),
    ).resolves.toMatchObject({ kind: 'docx' });
  });

  it('refuses embedded objects naming the part', async () => {
    const result = await refused(
      docxWith(['{grant.title}'], { 'word/embeddings/oleObject1.bin': new Uint8Array([1]) }),
    );
    expect(result.file).toEqual(['validation.templateEmbedded?part=word%2Fembeddings%2FoleObject1.bin']);
  });

  it('refuses unknown tags, participant tags and broken loops, naming each tag', async () => {
    expect((await refused(docxWith(['{grant.nickname}']))).file).toEqual([
      'validation.templateUnknownTag?tag=%7Bgrant.nickname%7D',
    ]);
    const personal = await refused(docxWith(['{#participants}{code}{/participants}', '{participant.code}']));
    expect(personal.message).toContain('{participants}');
    expect(personal.message).toContain('{participant.code}');
    const broken = await refused(await xlsxWith([['{#budgetLines}{code}']]));
    expect(broken.file).toEqual(['validation.templateBrokenLoop?tag=%7B%23budgetLines%7D']);
  });

  it('refuses what is not a Word or Excel file, a file too large, and a ZIP bomb, before reading a tag', async () => {
    expect((await refused(strToU8('%PDF-1.7 not a template'))).file).toEqual(['validation.templateType']);
    expect((await refused(zipSync({ 'a.txt': strToU8('{grant.title}') }))).file).toEqual(['validation.templateType']);
    expect((await refused(new Uint8Array(templatePolicy.maxBytes + 1))).message).toMatch(/at most/);
    // Claims 1,000 bytes, inflates to 80 MiB: stopped by the import's bounded unpacking.
    const bomb = await refused(lyingZipBomb({ mebibytes: 80, name: 'word/document.xml' }));
    expect(bomb.file).toEqual(['validation.templateUnreadable']);
    expect(bomb.message).toContain('tooLarge');
  });
});

describe('keeping a template', () => {
  it('uploads, lists for the funder’s grants, previews the tags, and removes, auditing each change', async () => {
    const opened = await createTestDatabase();
    const org = await createTestOrganization(opened.db);
    const funder = await createTestFunder(opened.db, org.id, { name: 'Network' });
    const { caller } = await callerFor(opened, org.id, 'coordinator');
    const bytes = docxWith(['{grant.title}', '{#activities}{title}: {participants}{/activities}']);
    const kept = await caller.templates.upload({
      name: 'Network narrative',
      language: 'mk',
      funderId: funder.id,
      grantId: null,
      fileName: '../../etc/narrative.docx',
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
    expect(kept).toMatchObject({ kind: 'docx', language: 'mk', fileName: 'narrative.docx', funderId: funder.id });
    expect(kept.tags).toEqual(['activities', 'activities.participants', 'activities.title', 'grant.title']);
    expect(JSON.stringify(kept)).not.toContain('content');
    expect(await caller.templates.list({ funderId: funder.id })).toHaveLength(1);
    const preview = await caller.templates.preview({ id: kept.id });
    expect(preview.tags).toContainEqual({ tag: 'activities.participants', loop: 'activities', kind: 'number' });
    await expect(
      caller.templates.upload({
        name: 'Bad',
        language: 'en',
        funderId: funder.id,
        grantId: null,
        fileName: 'bad.docx',
        contentBase64: Buffer.from(docxWith(['{participants}'])).toString('base64'),
      }),
    ).rejects.toThrow(/participants/);
    await caller.templates.remove({ id: kept.id });
    expect(await caller.templates.list({ funderId: funder.id })).toHaveLength(0);
    const events = await opened.db
      .selectFrom('audit_event')
      .select(['action', 'fields'])
      .where('entity', '=', 'funder_template')
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'delete']);
  });
});
