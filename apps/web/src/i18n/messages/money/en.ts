/** The money field kit: amounts and rates as people type and say them (docs/decisions/0015). */
export const moneyEn = {
  'validation.ambiguousNumber': 'This can be read two ways: choose the number you meant.',
  'validation.rateUnconfirmed':
    'This rate is {percent, number}% away from the rate table’s 1 {per} = {table} {other} ({date}). If it is right, tick “The rate is right”.',
  'validation.rateFarOff':
    'This rate is more than five times away from the rate table’s 1 {per} = {table} {other} ({date}). Is it the wrong way round?',
  'validation.overBudget': 'This takes budget line {code} {over} {currency} past its budget.',
  'money.overBudget.confirm': 'Record it anyway: the line goes over its budget',
  'validation.ratePair': 'The rate must be per one {from} or per one {to}.',
  'money.readAs': 'Read as {amount}',
  'money.which': 'Which did you mean?',
  'money.rate.label': 'Rate paid',
  'money.rate.optional': 'Rate paid (optional)',
  'money.rate.direction': 'Which way round the rate is given',
  'money.rate.per': '1 {per} = … {other}',
  'money.rate.one': '1 {per} =',
  'money.rate.both': '{paid} → {converted}',
  'money.rate.table': 'Rate table ({date}): 1 {per} = {value} {other}.',
  'money.rate.useTable': 'Leave empty to use the rate table’s rate for the date.',
  'money.rate.noTable': 'No rate for this pair in the table: type the rate paid.',
  'money.rate.same': 'Paid in the grant currency: no rate needed.',
  'money.rate.difference': '{percent, number}% away from the rate table’s 1 {per} = {value} {other} ({date}).',
  'money.rate.farOff':
    'More than five times away from the rate table’s 1 {per} = {value} {other} ({date}): probably the wrong way round.',
  'money.rate.confirm': 'The rate is right',
  'money.rate.implied': 'The bank gave 1 {per} = {value} {other}.',
  'money.rate.quote': '1 {per} = {value} {other}',
  'bva.exchange.title': 'Exchange difference',
  'bva.exchange.rateOfReceipt': 'Rate of receipt (the tranches’ weighted average): {quote}',
  'bva.exchange.books': 'Cash on hand by the grant’s books',
  'bva.exchange.gain': 'Realised exchange gain',
  'bva.exchange.loss': 'Realised exchange loss',
  'bva.exchange.difference': 'Realised exchange difference',
  'bva.exchange.bank': 'Cash on hand in the bank',
  'bva.exchange.note':
    'The money arrived at the rate of receipt; spending was converted at the rates paid or the table’s. The difference is what that gained or lost, in both currencies. Each column adds up; across a row, {base} figures are the {currency} ones at the rate of receipt.',
  'bva.exchange.nothingReceived':
    'No tranche received yet: there is no rate of receipt to measure an exchange difference against.',
} as const;
