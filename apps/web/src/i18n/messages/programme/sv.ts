import type { programmeEn } from './en';

export const programmeSv: Record<keyof typeof programmeEn, string> = {};
