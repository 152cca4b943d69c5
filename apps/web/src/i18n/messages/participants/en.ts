/** Participants screens: the source catalog for this area, merged into ../en.ts. */
export const participantsEn = {} as const;
