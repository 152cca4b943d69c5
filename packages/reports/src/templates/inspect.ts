import { findTemplateTag, type TemplateKind, templateLoops } from '@tessera/domain';
import Docxtemplater from 'docxtemplater';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';

/**
 * Reading the tags of a funder's template (docs/decisions/0027). Every tag must be in the
 * catalogue (template-tags.ts), every loop a catalogue loop, opened and closed, not nested. The
 * bytes reach here only after the archive checks (packages/api template-checks.ts).
 */

export type TemplateProblem =
  | { code: 'unknownTag'; tag: string }
  | { code: 'brokenLoop'; tag: string }
  | { code: 'unreadable'; tag: null };

/** The template cannot be used, for the reasons listed (each naming its tag). */
export class TemplateRefused extends Error {
  readonly problems: TemplateProblem[];
  constructor(problems: TemplateProblem[]) {
    super(`template refused: ${problems.map((p) => `${p.code} ${p.tag ?? ''}`.trim()).join(', ')}`);
    this.name = 'TemplateRefused';
    this.problems = problems;
  }
}

export interface FoundTag {
  /** As written (`finance.spent`, or `code` inside a loop). */
  tag: string;
  /** The loop it sits in, or null at the top; a loop itself is listed with its own name and null. */
  loop: string | null;
  isLoop: boolean;
}

/** Options every DOCX compile uses: the same delimiters and paragraph handling at check and fill. */
export const docxOptions = { paragraphLoop: true, linebreaks: true, errorLogging: false } as const;

interface Part {
  type: string;
  value: string;
  module?: string;
  subparsed?: Part[];
}

function checkParts(parts: Part[], loop: string | null, found: FoundTag[], problems: TemplateProblem[]) {
  for (const part of parts) {
    if (part.type !== 'placeholder') continue;
    const name = part.value.trim();
    if (part.module === 'loop') {
      if (loop !== null || !templateLoops.includes(name)) {
        problems.push(
          loop !== null && templateLoops.includes(name)
            ? { code: 'brokenLoop', tag: name }
            : { code: 'unknownTag', tag: name },
        );
        continue;
      }
      found.push({ tag: name, loop: null, isLoop: true });
      checkParts(part.subparsed ?? [], name, found, problems);
    } else if (part.module) {
      // {@raw xml} and anything another module claims: not a catalogue tag.
      problems.push({ code: 'unknownTag', tag: `${part.module === 'rawxml' ? '@' : ''}${name}` });
    } else if (findTemplateTag(name, loop)) {
      found.push({ tag: name, loop, isLoop: false });
    } else {
      problems.push({ code: 'unknownTag', tag: name });
    }
  }
}

/**
 * Collects each templated part's parsed tags (loops with their content) as docxtemplater hands
 * them to modules; its own InspectModule needs lodash, which it does not declare.
 */
function tagCollector() {
  const parsed: Part[] = [];
  return {
    parsed,
    module: {
      name: 'TesseraTagCollector',
      set(options: { inspect?: { postparsed?: Part[] } }) {
        if (options.inspect?.postparsed) parsed.push(...options.inspect.postparsed);
      },
    },
  };
}

function inspectDocx(bytes: Uint8Array): FoundTag[] {
  const inspect = tagCollector();
  try {
    new Docxtemplater(new PizZip(bytes), { ...docxOptions, modules: [inspect.module] });
  } catch (error) {
    const errors = (error as { properties?: { errors?: { properties?: { id?: string; xtag?: string } }[] } }).properties
      ?.errors;
    if (!errors?.length) throw new TemplateRefused([{ code: 'unreadable', tag: null }]);
    throw new TemplateRefused(
      errors.map((e) => {
        const tag = (e.properties?.xtag ?? '').replace(/^[#/^]/, '').trim();
        const id = e.properties?.id ?? '';
        return /loop|closing|opening/.test(id) ? { code: 'brokenLoop', tag } : { code: 'unknownTag', tag };
      }),
    );
  }
  const found: FoundTag[] = [];
  const problems: TemplateProblem[] = [];
  checkParts(inspect.parsed, null, found, problems);
  if (problems.length > 0) throw new TemplateRefused(problems);
  return found;
}

/** The text of an exceljs cell, or null for a formula, number, date or empty cell. */
export function cellText(cell: ExcelJS.Cell): string | null {
  const value = cell.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return null;
}

const tokenPattern = /\{([^{}]*)\}/g;

/** A row's tokens in order: `#loop`, `/loop`, or a tag. */
export function rowTokens(row: ExcelJS.Row): string[] {
  const tokens: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell) => {
    const text = cellText(cell);
    if (text) for (const m of text.matchAll(tokenPattern)) tokens.push((m[1] ?? '').trim());
  });
  return tokens;
}

async function inspectXlsx(bytes: Uint8Array): Promise<FoundTag[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new TemplateRefused([{ code: 'unreadable', tag: null }]);
  }
  const found: FoundTag[] = [];
  const problems: TemplateProblem[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      let loop: string | null = null;
      for (const token of rowTokens(row)) {
        const mark = token[0];
        const name = token.slice(mark === '#' || mark === '/' || mark === '^' || mark === '@' ? 1 : 0).trim();
        if (mark === '#') {
          if (!templateLoops.includes(name)) problems.push({ code: 'unknownTag', tag: name });
          else if (loop !== null) problems.push({ code: 'brokenLoop', tag: name });
          else {
            loop = name;
            found.push({ tag: name, loop: null, isLoop: true });
          }
        } else if (mark === '/') {
          if (loop !== name) problems.push({ code: 'brokenLoop', tag: name });
          else loop = null;
        } else if (mark === '^' || mark === '@') {
          problems.push({ code: 'unknownTag', tag: token });
        } else if (findTemplateTag(name, loop)) {
          found.push({ tag: name, loop, isLoop: false });
        } else {
          problems.push({ code: 'unknownTag', tag: name });
        }
      }
      // A loop fills rows downwards: it opens and closes in one row.
      if (loop !== null) problems.push({ code: 'brokenLoop', tag: loop });
    });
  }
  if (problems.length > 0) throw new TemplateRefused(problems);
  return found;
}

/** The tags of a template, or `TemplateRefused` naming every unknown tag and broken loop. */
export async function inspectTemplate(bytes: Uint8Array, kind: TemplateKind): Promise<FoundTag[]> {
  return kind === 'docx' ? inspectDocx(bytes) : inspectXlsx(bytes);
}

/** The distinct tags found, as stored with the template (`budgetLines` and `budgetLines.code`). */
export function tagNames(found: FoundTag[]): string[] {
  return [...new Set(found.map((f) => (f.isLoop ? f.tag : (findTemplateTag(f.tag, f.loop)?.tag ?? f.tag))))].sort();
}
