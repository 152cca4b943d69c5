import type { offlineEn } from './en';

export const offlineSq: Record<keyof typeof offlineEn, string> = {
  'offline.status.offline': 'Pa lidhje',
  'offline.status.waiting': '{count, plural, one {# regjistër pret} other {# regjistra presin}} të dërgohen',
  'offline.status.conflict': '{count, plural, one {# regjistër pret} other {# regjistra presin}} zgjedhjen tuaj',
  'offline.register.queued':
    'U ruajt në këtë telefon: {count, plural, one {# shënim pret} other {# shënime presin}} të dërgohen. Do të dërgohen kur të kthehet sinjali.',
  'offline.panel.waitingTitle': 'Në pritje për t’u dërguar',
  'offline.panel.waiting':
    '{count, plural, one {# shënim i ruajtur} other {# shënime të ruajtura}} në këtë telefon do të dërgohen kur të kthehet sinjali.',
  'offline.panel.restWaiting': 'Të gjithë të tjerët pa shënim: {status}.',
  'offline.panel.sendNow': 'Dërgo tani',
  'offline.panel.conflictTitle': 'Dikush e ndryshoi këtë regjistër ndërsa ishit pa lidhje',
  'offline.panel.conflictText':
    'Shënimet tuaja ruhen në këtë telefon. Krahasojini me regjistrin në server dhe zgjidhni cilat të mbeten.',
  'offline.panel.code': 'Kodi',
  'offline.panel.yours': 'Tuajat',
  'offline.panel.server': 'Në server',
  'offline.panel.unmarked': 'Pa shënim',
  'offline.panel.minutes': '{status}, {minutes} min',
  'offline.panel.sendMine': 'Mbaj të miat (zëvendëso ato të serverit)',
  'offline.panel.keepServer': 'Mbaj ato të serverit (hiq të miat)',
  'offline.panel.refusedTitle': 'Serveri i refuzoi këto shënime',
  'offline.panel.discard': 'Hiq shënimet e mia',
  'offline.tomorrow.title': 'Nesër',
  'offline.tomorrow.hint': 'Ruhet në këtë telefon, për të marrë pjesëmarrjen pa sinjal.',
  'offline.signOut.confirm':
    '{count, plural, one {# regjistër ende pret të dërgohet. Dalja e fshin nga ky telefon.} other {# regjistra ende presin të dërgohen. Dalja i fshin nga ky telefon.}} Të dilni gjithsesi?',
};
