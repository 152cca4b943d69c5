import type { participantsEn } from './en';

export const participantsSv: Record<keyof typeof participantsEn, string> = {};
