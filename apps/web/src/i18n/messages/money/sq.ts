import type { moneyEn } from './en';

export const moneySq: Record<keyof typeof moneyEn, string> = {
  'validation.ambiguousNumber': 'Kjo mund të lexohet në dy mënyra: zgjidhni numrin që keni pasur parasysh.',
  'validation.rateUnconfirmed':
    'Ky kurs ndryshon {percent, number}% nga kursi i tabelës 1 {per} = {table} {other} ({date}). Nëse është i saktë, shënoni „Kursi është i saktë“.',
  'validation.rateFarOff':
    'Ky kurs është më shumë se pesë herë larg kursit të tabelës 1 {per} = {table} {other} ({date}). Mos është dhënë së prapthi?',
  'validation.overBudget': 'Kjo e çon zërin e buxhetit {code} {over} {currency} mbi buxhetin e tij.',
  'money.overBudget.confirm': 'Regjistroje gjithsesi: zëri kalon buxhetin e tij',
  'validation.ratePair': 'Kursi duhet të jetë për një {from} ose për një {to}.',
  'money.readAs': 'Lexuar si {amount}',
  'money.which': 'Cilin keni pasur parasysh?',
  'money.rate.label': 'Kursi i paguar',
  'money.rate.optional': 'Kursi i paguar (opsional)',
  'money.rate.direction': 'Në cilin drejtim jepet kursi',
  'money.rate.per': '1 {per} = … {other}',
  'money.rate.one': '1 {per} =',
  'money.rate.both': '{paid} → {converted}',
  'money.rate.table': 'Tabela e kurseve ({date}): 1 {per} = {value} {other}.',
  'money.rate.useTable': 'Lëreni bosh për të përdorur kursin e tabelës për atë datë.',
  'money.rate.noTable': 'Nuk ka kurs për këtë çift në tabelë: shkruani kursin e paguar.',
  'money.rate.same': 'Paguar në monedhën e grantit: nuk nevojitet kurs.',
  'money.rate.difference': '{percent, number}% larg kursit të tabelës 1 {per} = {value} {other} ({date}).',
  'money.rate.farOff':
    'Më shumë se pesë herë larg kursit të tabelës 1 {per} = {value} {other} ({date}): ndoshta është dhënë së prapthi.',
  'money.rate.confirm': 'Kursi është i saktë',
  'money.rate.implied': 'Banka dha 1 {per} = {value} {other}.',
  'money.rate.quote': '1 {per} = {value} {other}',
  'bva.exchange.title': 'Diferenca e kursit të këmbimit',
  'bva.exchange.rateOfReceipt': 'Kursi i marrjes (mesatarja e ponderuar e transheve): {quote}',
  'bva.exchange.books': 'Mjete në dispozicion sipas librave të grantit',
  'bva.exchange.gain': 'Fitim i realizuar nga kursi i këmbimit',
  'bva.exchange.loss': 'Humbje e realizuar nga kursi i këmbimit',
  'bva.exchange.difference': 'Diferenca e realizuar e kursit të këmbimit',
  'bva.exchange.bank': 'Mjete në dispozicion në bankë',
  'bva.exchange.note':
    'Paratë erdhën me kursin e marrjes; shpenzimet u konvertuan me kursin e paguar ose atë të tabelës. Diferenca është ajo që u fitua ose u humb, në të dy monedhat. Çdo kolonë mblidhet; në çdo rresht, shumat në {base} janë ato në {currency} me kursin e marrjes.',
  'bva.exchange.nothingReceived':
    'Ende nuk është marrë asnjë transhë: nuk ka kurs marrjeje për të matur diferencën e kursit.',
};
