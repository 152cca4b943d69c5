import type { offlineEn } from './en';

export const offlineSv: Record<keyof typeof offlineEn, string> = {
  'offline.status.offline': 'Ingen uppkoppling',
  'offline.status.waiting':
    '{count, plural, one {# närvarolista väntar} other {# närvarolistor väntar}} på att skickas',
  'offline.status.conflict': '{count, plural, one {# närvarolista behöver} other {# närvarolistor behöver}} ditt val',
  'offline.register.queued':
    'Sparat på den här telefonen: {count, plural, one {# markering väntar} other {# markeringar väntar}} på att skickas. De skickas när täckningen kommer tillbaka.',
  'offline.panel.waitingTitle': 'Väntar på att skickas',
  'offline.panel.waiting':
    '{count, plural, one {# markering} other {# markeringar}} sparade på den här telefonen skickas när täckningen kommer tillbaka.',
  'offline.panel.restWaiting': 'Alla andra som inte är markerade: {status}.',
  'offline.panel.sendNow': 'Skicka nu',
  'offline.panel.conflictTitle': 'Någon ändrade närvarolistan medan du var offline',
  'offline.panel.conflictText':
    'Dina markeringar finns kvar på den här telefonen. Jämför dem med närvarolistan på servern och välj vilka som ska gälla.',
  'offline.panel.code': 'Kod',
  'offline.panel.yours': 'Dina',
  'offline.panel.server': 'På servern',
  'offline.panel.unmarked': 'Inte markerad',
  'offline.panel.minutes': '{status}, {minutes} min',
  'offline.panel.sendMine': 'Behåll mina (ersätt serverns)',
  'offline.panel.keepServer': 'Behåll serverns (släpp mina)',
  'offline.panel.refusedTitle': 'Servern avvisade markeringarna',
  'offline.panel.discard': 'Släpp mina markeringar',
  'offline.tomorrow.title': 'I morgon',
  'offline.tomorrow.hint': 'Sparas på den här telefonen, för att ta närvaro utan täckning.',
  'offline.signOut.confirm':
    '{count, plural, one {# närvarolista väntar fortfarande på att skickas. Om du loggar ut raderas den från den här telefonen.} other {# närvarolistor väntar fortfarande på att skickas. Om du loggar ut raderas de från den här telefonen.}} Logga ut ändå?',
};
