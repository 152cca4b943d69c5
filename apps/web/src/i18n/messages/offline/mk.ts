import type { offlineEn } from './en';

export const offlineMk: Record<keyof typeof offlineEn, string> = {
  'offline.status.offline': 'Без мрежа',
  'offline.status.waiting': '{count, plural, one {# евиденција чека} other {# евиденции чекаат}} да се испрати',
  'offline.status.conflict': '{count, plural, one {# евиденција чека} other {# евиденции чекаат}} ваша одлука',
  'offline.register.queued':
    'Зачувано на овој телефон: {count, plural, one {# ознака чека} other {# ознаки чекаат}} да се испрати. Ќе се испратат кога ќе се врати сигналот.',
  'offline.panel.waitingTitle': 'Чека да се испрати',
  'offline.panel.waiting':
    '{count, plural, one {# ознака зачувана} other {# ознаки зачувани}} на овој телефон ќе се испратат кога ќе се врати сигналот.',
  'offline.panel.restWaiting': 'Сите други што не се означени: {status}.',
  'offline.panel.sendNow': 'Испрати сега',
  'offline.panel.conflictTitle': 'Некој ја промени оваа евиденција додека бевте без мрежа',
  'offline.panel.conflictText':
    'Вашите ознаки се чуваат на овој телефон. Споредете ги со евиденцијата на серверот и изберете кои да останат.',
  'offline.panel.code': 'Шифра',
  'offline.panel.yours': 'Ваши',
  'offline.panel.server': 'На серверот',
  'offline.panel.unmarked': 'Не е означено',
  'offline.panel.minutes': '{status}, {minutes} мин.',
  'offline.panel.sendMine': 'Задржи ги моите (замени ги тие на серверот)',
  'offline.panel.keepServer': 'Задржи ги тие на серверот (избриши ги моите)',
  'offline.panel.refusedTitle': 'Серверот ги одби овие ознаки',
  'offline.panel.discard': 'Избриши ги моите ознаки',
  'offline.tomorrow.title': 'Утре',
  'offline.tomorrow.hint': 'Се чува на овој телефон, за евиденција на присуство без сигнал.',
  'offline.signOut.confirm':
    '{count, plural, one {# евиденција сè уште чека да се испрати. Со одјавувањето таа се брише од овој телефон.} other {# евиденции сè уште чекаат да се испратат. Со одјавувањето тие се бришат од овој телефон.}} Сепак да се одјавите?',
};
