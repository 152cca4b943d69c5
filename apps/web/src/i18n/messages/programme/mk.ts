import type { programmeEn } from './en';

export const programmeMk: Record<keyof typeof programmeEn, string> = {};
