import type { participantsEn } from './en';

export const participantsSq: Record<keyof typeof participantsEn, string> = {};
