import type { participantsEn } from './en';

export const participantsMk: Record<keyof typeof participantsEn, string> = {};
