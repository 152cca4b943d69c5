import type { Locale } from './locales';

/**
 * The one list of tags a funder's template may hold (issue 18, docs/decisions/0027). A tag names
 * a figure of the report pack as every other export has it: counts of people arrive suppressed
 * and print the neutral mark. There is no tag for a participant: a template asking for one
 * (`{participants}` at the top, `{#participants}`, `{participant.code}`) holds an unknown tag
 * and is refused.
 *
 * Top-level tags are written `{grant.title}`; a loop `{#budgetLines}…{/budgetLines}` repeats its
 * content per row, and inside it the row's own tags are written bare (`{code}`, `{spentToDate}`).
 */

export type TemplateTagKind = 'text' | 'number' | 'date' | 'money' | 'loop';

export interface TemplateTag {
  /** As written between braces; a loop field is `loop.field` here and `{field}` in the loop. */
  tag: string;
  kind: TemplateTagKind;
  meaning: Record<Locale, string>;
}

type Row = [tag: string, kind: TemplateTagKind, en: string, mk: string, sv: string, sq: string];

const genderNames: Record<string, [string, string, string, string]> = {
  woman: ['women', 'жени', 'kvinnor', 'gra'],
  man: ['men', 'мажи', 'män', 'burra'],
  'trans-woman': ['trans women', 'транс жени', 'transkvinnor', 'gra trans'],
  'trans-man': ['trans men', 'транс мажи', 'transmän', 'burra trans'],
  'non-binary': ['non-binary people', 'небинарни лица', 'icke-binära', 'persona jobinare'],
  other: ['another gender', 'друг род', 'annat kön', 'gjini tjetër'],
  undisclosed: ['gender not given', 'неоткриен род', 'kön ej angivet', 'gjinia pa deklaruar'],
};

const ageNames: Record<string, [string, string, string, string]> = {
  'under-18': ['under 18', 'под 18', 'under 18', 'nën 18'],
  '18-24': ['aged 18–24', 'на возраст 18–24', '18–24 år', 'të moshës 18–24'],
  '25-34': ['aged 25–34', 'на возраст 25–34', '25–34 år', 'të moshës 25–34'],
  '35-44': ['aged 35–44', 'на возраст 35–44', '35–44 år', 'të moshës 35–44'],
  '45-54': ['aged 45–54', 'на возраст 45–54', '45–54 år', 'të moshës 45–54'],
  '55-plus': ['aged 55 and over', 'на возраст 55 и повеќе', '55 år och äldre', 'të moshës 55 e lart'],
  undisclosed: ['age not given', 'неоткриена возраст', 'ålder ej angiven', 'mosha pa deklaruar'],
};

const suppressedNote: [string, string, string, string] = [
  ' (x when hidden to protect people in small groups)',
  ' (x кога е скриено за заштита на луѓето во мали групи)',
  ' (x när det döljs för att skydda personer i små grupper)',
  ' (x kur fshihet për të mbrojtur njerëzit në grupe të vogla)',
];

const rows: Row[] = [
  [
    'organization.name',
    'text',
    'Organisation name',
    'Име на организацијата',
    'Organisationens namn',
    'Emri i organizatës',
  ],
  [
    'organization.country',
    'text',
    'Organisation country',
    'Земја на организацијата',
    'Organisationens land',
    'Shteti i organizatës',
  ],
  ['funder.name', 'text', 'Funder name', 'Име на донаторот', 'Finansiärens namn', 'Emri i donatorit'],
  ['grant.title', 'text', 'Grant title', 'Наслов на грантот', 'Bidragets titel', 'Titulli i grantit'],
  ['grant.reference', 'text', 'Grant reference', 'Референца на грантот', 'Bidragets referens', 'Referenca e grantit'],
  ['grant.currency', 'text', 'Grant currency', 'Валута на грантот', 'Bidragets valuta', 'Monedha e grantit'],
  ['grant.amount', 'money', 'Grant amount', 'Износ на грантот', 'Bidragets belopp', 'Shuma e grantit'],
  [
    'grant.startDate',
    'date',
    'Grant start date',
    'Почеток на грантот',
    'Bidragets startdatum',
    'Data e fillimit të grantit',
  ],
  ['grant.endDate', 'date', 'Grant end date', 'Крај на грантот', 'Bidragets slutdatum', 'Data e mbarimit të grantit'],
  [
    'period.from',
    'date',
    'First day of the reporting period',
    'Прв ден од извештајниот период',
    'Rapportperiodens första dag',
    'Dita e parë e periudhës raportuese',
  ],
  [
    'period.to',
    'date',
    'Last day of the reporting period',
    'Последен ден од извештајниот период',
    'Rapportperiodens sista dag',
    'Dita e fundit e periudhës raportuese',
  ],
  [
    'generatedAt',
    'date',
    'Day the figures were worked out',
    'Ден кога се пресметани бројките',
    'Dag då siffrorna togs fram',
    'Dita kur u llogaritën shifrat',
  ],
  ['reach.participants', 'number', 'People reached', 'Досегнати луѓе', 'Nådda personer', 'Njerëz të arritur'],
  [
    'reach.participantHours',
    'number',
    'Participant hours',
    'Часови на учесници',
    'Deltagartimmar',
    'Orë pjesëmarrësish',
  ],
  [
    'reach.completions',
    'number',
    'People who completed',
    'Луѓе што завршиле',
    'Personer som fullföljde',
    'Njerëz që përfunduan',
  ],
  [
    'reach.headCount',
    'number',
    'Head count at events without a register',
    'Број на присутни на настани без список',
    'Antal närvarande vid evenemang utan register',
    'Numri i të pranishmëve në ngjarje pa regjistër',
  ],
  ['reach.sessionsHeld', 'number', 'Sessions held', 'Одржани сесии', 'Hållna tillfällen', 'Seanca të mbajtura'],
  ['delivery.hours', 'number', 'Hours delivered', 'Одржани часови', 'Genomförda timmar', 'Orë të zhvilluara'],
  [
    'delivery.activities',
    'number',
    'Activities in the period',
    'Активности во периодот',
    'Aktiviteter under perioden',
    'Aktivitete në periudhë',
  ],
  [
    'delivery.outputs',
    'number',
    'Outputs produced (quantity)',
    'Произведени резултати (количина)',
    'Framtagna resultat (antal)',
    'Produkte të realizuara (sasia)',
  ],
  [
    'finance.currency',
    'text',
    'Currency of the finance figures',
    'Валута на финансиските бројки',
    'Valuta för de ekonomiska siffrorna',
    'Monedha e shifrave financiare',
  ],
  [
    'finance.baseCurrency',
    'text',
    'Organisation base currency',
    'Основна валута на организацијата',
    'Organisationens basvaluta',
    'Monedha bazë e organizatës',
  ],
  ['finance.budget', 'money', 'Total budget', 'Вкупен буџет', 'Total budget', 'Buxheti total'],
  [
    'finance.spentPeriod',
    'money',
    'Spent in the period',
    'Потрошено во периодот',
    'Förbrukat under perioden',
    'Shpenzuar në periudhë',
  ],
  [
    'finance.spent',
    'money',
    'Spent to the end of the period',
    'Потрошено до крајот на периодот',
    'Förbrukat till periodens slut',
    'Shpenzuar deri në fund të periudhës',
  ],
  ['finance.remaining', 'money', 'Budget remaining', 'Преостанат буџет', 'Återstående budget', 'Buxheti i mbetur'],
  [
    'finance.variance',
    'money',
    'Spent minus budget',
    'Потрошено минус буџет',
    'Förbrukat minus budget',
    'Shpenzuar minus buxhet',
  ],
  [
    'finance.received',
    'money',
    'Received from the funder to the end of the period',
    'Примено од донаторот до крајот на периодот',
    'Mottaget från finansiären till periodens slut',
    'Marrë nga donatori deri në fund të periudhës',
  ],
  [
    'finance.onHand',
    'money',
    'Cash on hand (received minus spent)',
    'Готовина (примено минус потрошено)',
    'Kassa (mottaget minus förbrukat)',
    'Para në dorë (marrë minus shpenzuar)',
  ],
  [
    'finance.spentBase',
    'money',
    'Spent to date in the base currency',
    'Потрошено досега во основната валута',
    'Förbrukat hittills i basvalutan',
    'Shpenzuar deri tani në monedhën bazë',
  ],
  [
    'finance.receivedBase',
    'money',
    'Received in the base currency',
    'Примено во основната валута',
    'Mottaget i basvalutan',
    'Marrë në monedhën bazë',
  ],
  [
    'budgetLines',
    'loop',
    'One row per budget line',
    'Еден ред по буџетска линија',
    'En rad per budgetpost',
    'Një rresht për çdo zë buxheti',
  ],
  [
    'budgetLines.code',
    'text',
    'Budget line code',
    'Шифра на буџетската линија',
    'Budgetpostens kod',
    'Kodi i zërit të buxhetit',
  ],
  [
    'budgetLines.category',
    'text',
    'Budget line category',
    'Категорија на буџетската линија',
    'Budgetpostens kategori',
    'Kategoria e zërit të buxhetit',
  ],
  [
    'budgetLines.description',
    'text',
    'Budget line description',
    'Опис на буџетската линија',
    'Budgetpostens beskrivning',
    'Përshkrimi i zërit të buxhetit',
  ],
  [
    'budgetLines.budget',
    'money',
    'Current budget of the line',
    'Тековен буџет на линијата',
    'Postens aktuella budget',
    'Buxheti aktual i zërit',
  ],
  [
    'budgetLines.spentPeriod',
    'money',
    'Spent on the line in the period',
    'Потрошено на линијата во периодот',
    'Förbrukat på posten under perioden',
    'Shpenzuar në zë gjatë periudhës',
  ],
  [
    'budgetLines.spent',
    'money',
    'Spent on the line to the end of the period',
    'Потрошено на линијата до крајот на периодот',
    'Förbrukat på posten till periodens slut',
    'Shpenzuar në zë deri në fund të periudhës',
  ],
  [
    'budgetLines.remaining',
    'money',
    'Remaining on the line',
    'Преостанато на линијата',
    'Återstår på posten',
    'Mbetur në zë',
  ],
  [
    'budgetLines.variance',
    'money',
    'Spent minus budget on the line',
    'Потрошено минус буџет на линијата',
    'Förbrukat minus budget på posten',
    'Shpenzuar minus buxhet në zë',
  ],
  [
    'activities',
    'loop',
    'One row per activity',
    'Еден ред по активност',
    'En rad per aktivitet',
    'Një rresht për çdo aktivitet',
  ],
  [
    'activities.reference',
    'text',
    'Activity reference',
    'Референца на активноста',
    'Aktivitetens referens',
    'Referenca e aktivitetit',
  ],
  ['activities.title', 'text', 'Activity title', 'Наслов на активноста', 'Aktivitetens titel', 'Titulli i aktivitetit'],
  ['activities.project', 'text', 'Project', 'Проект', 'Projekt', 'Projekti'],
  ['activities.city', 'text', 'City', 'Град', 'Stad', 'Qyteti'],
  [
    'activities.startDate',
    'date',
    'Activity start date',
    'Почеток на активноста',
    'Aktivitetens startdatum',
    'Data e fillimit të aktivitetit',
  ],
  [
    'activities.endDate',
    'date',
    'Activity end date',
    'Крај на активноста',
    'Aktivitetens slutdatum',
    'Data e mbarimit të aktivitetit',
  ],
  ['activities.sessionsHeld', 'number', 'Sessions held', 'Одржани сесии', 'Hållna tillfällen', 'Seanca të mbajtura'],
  ['activities.hours', 'number', 'Hours delivered', 'Одржани часови', 'Genomförda timmar', 'Orë të zhvilluara'],
  ['activities.participants', 'number', 'People reached', 'Досегнати луѓе', 'Nådda personer', 'Njerëz të arritur'],
  [
    'activities.completions',
    'number',
    'People who completed',
    'Луѓе што завршиле',
    'Personer som fullföljde',
    'Njerëz që përfunduan',
  ],
  ['activities.headCount', 'number', 'Head count', 'Број на присутни', 'Antal närvarande', 'Numri i të pranishmëve'],
  [
    'indicators',
    'loop',
    'One row per indicator',
    'Еден ред по индикатор',
    'En rad per indikator',
    'Një rresht për çdo tregues',
  ],
  ['indicators.code', 'text', 'Indicator code', 'Шифра на индикаторот', 'Indikatorns kod', 'Kodi i treguesit'],
  ['indicators.name', 'text', 'Indicator name', 'Име на индикаторот', 'Indikatorns namn', 'Emri i treguesit'],
  ['indicators.unit', 'text', 'Unit', 'Единица', 'Enhet', 'Njësia'],
  ['indicators.baseline', 'number', 'Baseline', 'Почетна вредност', 'Utgångsvärde', 'Vlera bazë'],
  [
    'indicators.periodTarget',
    'number',
    'Target for the period',
    'Цел за периодот',
    'Mål för perioden',
    'Objektivi për periudhën',
  ],
  [
    'indicators.lifeTarget',
    'number',
    'Target for the whole grant',
    'Цел за целиот грант',
    'Mål för hela bidraget',
    'Objektivi për gjithë grantin',
  ],
  [
    'indicators.actual',
    'number',
    'Achieved in the period',
    'Постигнато во периодот',
    'Uppnått under perioden',
    'Arritur në periudhë',
  ],
  ['indicators.cumulative', 'number', 'Achieved to date', 'Постигнато досега', 'Uppnått hittills', 'Arritur deri tani'],
  ['indicators.comment', 'text', 'Comment', 'Коментар', 'Kommentar', 'Koment'],
  [
    'outputs',
    'loop',
    'One row per output',
    'Еден ред по резултат',
    'En rad per resultat',
    'Një rresht për çdo produkt',
  ],
  ['outputs.activity', 'text', 'Activity', 'Активност', 'Aktivitet', 'Aktiviteti'],
  ['outputs.title', 'text', 'Output title', 'Наслов на резултатот', 'Resultatets titel', 'Titulli i produktit'],
  ['outputs.quantity', 'number', 'Quantity', 'Количина', 'Antal', 'Sasia'],
  ['outputs.date', 'date', 'Date', 'Датум', 'Datum', 'Data'],
  [
    'tranches',
    'loop',
    'One row per payment from the funder',
    'Еден ред по уплата од донаторот',
    'En rad per utbetalning från finansiären',
    'Një rresht për çdo pagesë nga donatori',
  ],
  ['tranches.expectedDate', 'date', 'Expected on', 'Очекувано на', 'Väntad den', 'Pritet më'],
  ['tranches.expectedAmount', 'money', 'Expected amount', 'Очекуван износ', 'Väntat belopp', 'Shuma e pritur'],
  ['tranches.receivedDate', 'date', 'Received on', 'Примено на', 'Mottagen den', 'Marrë më'],
  ['tranches.receivedAmount', 'money', 'Received amount', 'Примен износ', 'Mottaget belopp', 'Shuma e marrë'],
  [
    'reachByCity',
    'loop',
    'People reached, one row per city',
    'Досегнати луѓе, еден ред по град',
    'Nådda personer, en rad per stad',
    'Njerëz të arritur, një rresht për çdo qytet',
  ],
  ['reachByCity.city', 'text', 'City', 'Град', 'Stad', 'Qyteti'],
  ['reachByCity.participants', 'number', 'People reached', 'Досегнати луѓе', 'Nådda personer', 'Njerëz të arritur'],
];

const narrativeNames: Record<string, [string, string, string, string]> = {
  summary: ['Summary', 'Резиме', 'Sammanfattning', 'Përmbledhje'],
  progress: ['Progress', 'Напредок', 'Framsteg', 'Përparimi'],
  outcomes: ['Outcomes', 'Исходи', 'Effekter', 'Rezultatet'],
  challenges: ['Challenges', 'Предизвици', 'Utmaningar', 'Sfidat'],
  changes: ['Changes', 'Промени', 'Förändringar', 'Ndryshimet'],
  media: ['Media', 'Медиуми', 'Media', 'Media'],
  nextPeriod: ['Next period', 'Следен период', 'Nästa period', 'Periudha e ardhshme'],
};

const narrativeWord: [string, string, string, string] = ['Narrative: ', 'Наратив: ', 'Berättelse: ', 'Narrativa: '];
const reachedWord: [string, string, string, string] = [
  'People reached: ',
  'Досегнати луѓе: ',
  'Nådda personer: ',
  'Njerëz të arritur: ',
];

const order: Locale[] = ['en', 'mk', 'sv', 'sq'];
const meaningOf = (parts: readonly string[]): Record<Locale, string> =>
  Object.fromEntries(order.map((l, i) => [l, parts[i] ?? ''])) as Record<Locale, string>;
const join = (a: readonly string[], b: readonly string[], c: readonly string[] = ['', '', '', '']) =>
  order.map((_, i) => `${a[i]}${b[i]}${c[i]}`);

/** Whether a number tag counts people, so the pack may hide it behind the neutral mark. */
export const peopleCountTags: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'reach.participants',
  'reach.participantHours',
  'reach.completions',
  'reach.headCount',
  'activities.participants',
  'activities.completions',
  'activities.headCount',
  'indicators.actual',
  'indicators.cumulative',
  'reachByCity.participants',
]);

function build(): TemplateTag[] {
  const out: TemplateTag[] = rows.map(([tag, kind, ...names]) => ({
    tag,
    kind,
    meaning: meaningOf(peopleCountTags.has(tag) ? join(names, suppressedNote) : names),
  }));
  for (const [key, names] of Object.entries(genderNames)) {
    out.push({
      tag: `reach.gender.${key}`,
      kind: 'number',
      meaning: meaningOf(join(reachedWord, names, suppressedNote)),
    });
  }
  for (const [key, names] of Object.entries(ageNames)) {
    out.push({
      tag: `reach.ageBand.${key}`,
      kind: 'number',
      meaning: meaningOf(join(reachedWord, names, suppressedNote)),
    });
  }
  for (const [key, names] of Object.entries(narrativeNames)) {
    out.push({ tag: `narrative.${key}`, kind: 'text', meaning: meaningOf(join(narrativeWord, names)) });
  }
  return out;
}

/** Every tag, in the order the catalogue page and the starter templates list them. */
export const templateTags: readonly TemplateTag[] = /* @__PURE__ */ build();

let byTagCache: Map<string, TemplateTag> | null = null;
/** Built on first use, so a bundle that never looks a tag up does not keep the catalogue. */
const byTag = () => {
  byTagCache ??= new Map(templateTags.map((t) => [t.tag, t]));
  return byTagCache;
};

/** The loops, by name. */
export const templateLoops: readonly string[] = /* @__PURE__ */ (() =>
  templateTags.filter((t) => t.kind === 'loop').map((t) => t.tag))();

/** The tag a template's `{name}` stands for, inside `loop` (null at the top level), or null if none. */
export function findTemplateTag(name: string, loop: string | null): TemplateTag | null {
  if (loop !== null) {
    const own = byTag().get(`${loop}.${name}`);
    if (own && own.kind !== 'loop') return own;
  }
  const top = byTag().get(name);
  if (!top) return null;
  // A loop's own fields are written bare inside it only; `budgetLines.code` at the top is unknown.
  if (templateLoops.some((l) => name.startsWith(`${l}.`))) return null;
  return top;
}

/** The fields of a loop, bare (`code`, `spentToDate`). */
export function loopFields(loop: string): TemplateTag[] {
  return templateTags.filter((t) => t.tag.startsWith(`${loop}.`));
}
