import type { securityEn } from './en';

export const securityMk: Record<keyof typeof securityEn, string> = {
  'security.strength.label': 'Јачина на лозинката: {level}',
  'security.strength.0': 'многу слаба',
  'security.strength.1': 'слаба',
  'security.strength.2': 'средна',
  'security.strength.3': 'силна',
  'security.strength.4': 'многу силна',
  'security.code.title': 'Најава во два чекора',
  'security.code.intro':
    'Отворете ја апликацијата за автентикација и внесете го шестцифрениот код што го покажува за Tessera.',
  'security.code.label': 'Код од апликацијата за автентикација',
  'security.code.submit': 'Провери',
  'security.recovery.use': 'Користи код за враќање',
  'security.recovery.useApp': 'Користи код од апликацијата',
  'security.recovery.label': 'Код за враќање',
  'security.recovery.used':
    'Се најавивте со код за враќање; {count, plural, one {остана уште #} other {останаа уште #}}. Ако го изгубивте телефонот, поставете го новиот сега преку „Најава во два чекора“ во корисничкото мени.',
  'security.enrol.title': 'Поставете најава во два чекора',
  'security.enrol.required':
    'Вашата организација бара администраторите и финансиите да се најавуваат и со код од апликација за автентикација, покрај лозинката.',
  'security.enrol.scan':
    'Скенирајте го QR-кодот со апликација за автентикација (на пр. Aegis, FreeOTP или Google Authenticator) или внесете го клучот рачно. Потоа внесете го кодот што го покажува апликацијата.',
  'security.enrol.qrAlt': 'QR-код за вашата апликација за автентикација',
  'security.enrol.secret': 'Клуч',
  'security.enrol.copy': 'Копирај го клучот',
  'security.enrol.copied': 'Копирано',
  'security.enrol.confirm': 'Потврди',
  'security.enrol.codesTitle': 'Вашите кодови за враќање',
  'security.enrol.codesIntro':
    'Секој код ве најавува еднаш ако го изгубите телефонот. Зачувајте ги на безбедно место сега: се прикажуваат само овој пат.',
  'security.enrol.codesSaved': 'Ги зачував кодовите',
  'security.menu': 'Најава во два чекора',
  'security.status.on': 'Најавата во два чекора е вклучена. Преостанати кодови за враќање: {count}.',
  'security.status.off': 'Најавата во два чекора е исклучена.',
  'security.status.reenrol': 'Постави на нов телефон',
  'security.status.enrol': 'Постави најава во два чекора',
  'security.status.done': 'Најавата во два чекора е поставена.',
  'security.members.column': 'Најава во два чекора',
  'security.members.on': 'Вклучена',
  'security.members.off': 'Исклучена',
  'security.members.reset': 'Ресетирај',
  'security.members.resetFor': 'Ресетирај ја најавата во два чекора за {name}',
  'security.members.resetTitle': 'Ресетирање на најавата во два чекора',
  'security.members.resetBody':
    'Да се отстранат апликацијата за автентикација и кодовите за враќање на {name}? Ќе биде одјавен(а) насекаде и ќе ја постави најавата во два чекора повторно при следната најава.',
  'security.members.resetDone': 'Најавата во два чекора е ресетирана.',
  'security.setting.label': 'Барај најава во два чекора за администраторите и финансиите',
  'security.setting.description': 'Кои сè уште ја немаат поставено, ќе ја постават при следната најава.',
  'security.setting.saved': 'Поставката е зачувана.',
  'audit.entity.second_factor': 'Најава во два чекора',
  'validation.weakPassword':
    'Премногу лесна за погодување: честа лозинка, шема или вашето име или е-пошта. Неколку неповрзани зборови прават добра лозинка.',
  'validation.wrongCode': 'Кодот не е точен. Проверете го времето на телефонот и внесете го најновиот код.',
  'validation.codeUsed': 'Овој код е веќе искористен. Почекајте го следниот код во апликацијата.',
};
