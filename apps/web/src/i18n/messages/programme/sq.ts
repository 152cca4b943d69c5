import type { programmeEn } from './en';

export const programmeSq: Record<keyof typeof programmeEn, string> = {};
