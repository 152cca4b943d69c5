/** Offline attendance: the kept registers, the outbox ("waiting to send") and its conflicts. */
export const offlineEn = {
  'offline.status.offline': 'Offline',
  'offline.status.waiting': '{count, plural, one {# register} other {# registers}} waiting to send',
  'offline.status.conflict': '{count, plural, one {# register needs} other {# registers need}} your choice',
  'offline.register.queued':
    'Saved on this phone: {count, plural, one {# mark is} other {# marks are}} waiting to send. They are sent when the signal returns.',
  'offline.panel.waitingTitle': 'Waiting to send',
  'offline.panel.waiting':
    '{count, plural, one {# mark} other {# marks}} saved on this phone will be sent when the signal returns.',
  'offline.panel.restWaiting': 'Everyone else not marked: {status}.',
  'offline.panel.sendNow': 'Send now',
  'offline.panel.conflictTitle': 'Someone changed this register while you were offline',
  'offline.panel.conflictText':
    'Your marks are kept on this phone. Compare them with the register on the server and choose which to keep.',
  'offline.panel.code': 'Code',
  'offline.panel.yours': 'Yours',
  'offline.panel.server': 'On the server',
  'offline.panel.unmarked': 'Not marked',
  'offline.panel.minutes': '{status}, {minutes} min',
  'offline.panel.sendMine': 'Keep mine (replace the server’s)',
  'offline.panel.keepServer': 'Keep the server’s (drop mine)',
  'offline.panel.refusedTitle': 'The server refused these marks',
  'offline.panel.discard': 'Drop my marks',
  'offline.tomorrow.title': 'Tomorrow',
  'offline.tomorrow.hint': 'Kept on this phone, for taking attendance without a signal.',
  'offline.signOut.confirm':
    '{count, plural, one {# register is still waiting to send. Signing out deletes it from this phone.} other {# registers are still waiting to send. Signing out deletes them from this phone.}} Sign out anyway?',
};
