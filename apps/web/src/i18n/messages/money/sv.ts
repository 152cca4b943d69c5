import type { moneyEn } from './en';

export const moneySv: Record<keyof typeof moneyEn, string> = {
  'validation.ambiguousNumber': 'Det här kan läsas på två sätt: välj det tal du menade.',
  'validation.rateUnconfirmed':
    'Kursen avviker {percent, number} % från kurstabellens 1 {per} = {table} {other} ({date}). Om den stämmer, kryssa i ”Kursen stämmer”.',
  'validation.rateFarOff':
    'Kursen ligger mer än fem gånger från kurstabellens 1 {per} = {table} {other} ({date}). Är den angiven åt fel håll?',
  'validation.overBudget': 'Det här tar budgetpost {code} {over} {currency} över sin budget.',
  'money.overBudget.confirm': 'Registrera ändå: posten går över sin budget',
  'validation.ratePair': 'Kursen måste gälla per en {from} eller per en {to}.',
  'money.readAs': 'Läst som {amount}',
  'money.which': 'Vilket menade du?',
  'money.rate.label': 'Betald kurs',
  'money.rate.optional': 'Betald kurs (valfritt)',
  'money.rate.direction': 'Åt vilket håll kursen anges',
  'money.rate.per': '1 {per} = … {other}',
  'money.rate.one': '1 {per} =',
  'money.rate.both': '{paid} → {converted}',
  'money.rate.table': 'Kurstabellen ({date}): 1 {per} = {value} {other}.',
  'money.rate.useTable': 'Lämna tomt för att använda kurstabellens kurs för datumet.',
  'money.rate.noTable': 'Ingen kurs för paret i tabellen: ange den betalda kursen.',
  'money.rate.same': 'Betalt i bidragets valuta: ingen kurs behövs.',
  'money.rate.difference': '{percent, number} % från kurstabellens 1 {per} = {value} {other} ({date}).',
  'money.rate.farOff':
    'Mer än fem gånger från kurstabellens 1 {per} = {value} {other} ({date}): troligen angiven åt fel håll.',
  'money.rate.confirm': 'Kursen stämmer',
  'money.rate.implied': 'Banken gav 1 {per} = {value} {other}.',
  'money.rate.quote': '1 {per} = {value} {other}',
  'bva.exchange.title': 'Valutakursdifferens',
  'bva.exchange.rateOfReceipt': 'Mottagningskurs (delbetalningarnas vägda genomsnitt): {quote}',
  'bva.exchange.books': 'Likvida medel enligt bidragets bokföring',
  'bva.exchange.gain': 'Realiserad valutakursvinst',
  'bva.exchange.loss': 'Realiserad valutakursförlust',
  'bva.exchange.difference': 'Realiserad valutakursdifferens',
  'bva.exchange.bank': 'Likvida medel på banken',
  'bva.exchange.note':
    'Pengarna kom in till mottagningskursen; utgifterna räknades om till betald kurs eller tabellens kurs. Differensen är vad det gav eller kostade, i båda valutorna. Varje kolumn summerar; på varje rad är beloppen i {base} beloppen i {currency} till mottagningskursen.',
  'bva.exchange.nothingReceived':
    'Ingen delbetalning mottagen ännu: det finns ingen mottagningskurs att mäta en valutakursdifferens mot.',
};
