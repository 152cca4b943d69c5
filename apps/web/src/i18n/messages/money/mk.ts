import type { moneyEn } from './en';

export const moneyMk: Record<keyof typeof moneyEn, string> = {
  'validation.ambiguousNumber': 'Ова може да се прочита на два начина: изберете го бројот што го мислевте.',
  'validation.rateUnconfirmed':
    'Овој курс се разликува {percent, number}% од курсот во табелата 1 {per} = {table} {other} ({date}). Ако е точен, штиклирајте „Курсот е точен“.',
  'validation.rateFarOff':
    'Овој курс е повеќе од пет пати подалеку од курсот во табелата 1 {per} = {table} {other} ({date}). Дали е внесен обратно?',
  'validation.overBudget': 'Ова ја носи буџетската ставка {code} {over} {currency} над нејзиниот буџет.',
  'money.overBudget.confirm': 'Сепак запиши: ставката оди над буџетот',
  'validation.ratePair': 'Курсот мора да биде за една единица {from} или за една единица {to}.',
  'money.readAs': 'Прочитано како {amount}',
  'money.which': 'Кој број го мислевте?',
  'money.rate.label': 'Платен курс',
  'money.rate.optional': 'Платен курс (незадолжително)',
  'money.rate.direction': 'Во која насока е даден курсот',
  'money.rate.per': '1 {per} = … {other}',
  'money.rate.one': '1 {per} =',
  'money.rate.both': '{paid} → {converted}',
  'money.rate.table': 'Табела на курсеви ({date}): 1 {per} = {value} {other}.',
  'money.rate.useTable': 'Оставете празно за да се користи курсот од табелата за тој датум.',
  'money.rate.noTable': 'Нема курс за овој пар во табелата: внесете го платениот курс.',
  'money.rate.same': 'Платено во валутата на грантот: не треба курс.',
  'money.rate.difference': 'Разлика од {percent, number}% од курсот во табелата 1 {per} = {value} {other} ({date}).',
  'money.rate.farOff':
    'Повеќе од пет пати подалеку од курсот во табелата 1 {per} = {value} {other} ({date}): веројатно е внесен обратно.',
  'money.rate.confirm': 'Курсот е точен',
  'money.rate.implied': 'Банката даде 1 {per} = {value} {other}.',
  'money.rate.quote': '1 {per} = {value} {other}',
  'bva.exchange.title': 'Курсна разлика',
  'bva.exchange.rateOfReceipt': 'Курс на прилив (пондериран просек на траншите): {quote}',
  'bva.exchange.books': 'Расположливи средства според книгите на грантот',
  'bva.exchange.gain': 'Остварена позитивна курсна разлика',
  'bva.exchange.loss': 'Остварена негативна курсна разлика',
  'bva.exchange.difference': 'Остварена курсна разлика',
  'bva.exchange.bank': 'Расположливи средства во банка',
  'bva.exchange.note':
    'Парите пристигнаа по курсот на прилив; трошоците се претворени по платениот курс или курсот од табелата. Разликата е добивката или загубата од тоа, во двете валути. Секоја колона се собира; во секој ред, износите во {base} се износите во {currency} по курсот на прилив.',
  'bva.exchange.nothingReceived':
    'Сè уште нема примена транша: нема курс на прилив според кој би се мерела курсната разлика.',
};
