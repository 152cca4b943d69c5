import { activityKinds } from '@tessera/domain';
import * as z from 'zod';

/** The activities list's filters in the URL (bookmarkable; a bad value falls back to the default). */
export const activitiesSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  kind: z.enum(activityKinds).optional().catch(undefined),
  project: z.string().max(64).optional().catch(undefined),
  page: z.number().int().min(1).optional().catch(undefined),
});
export type ActivitiesSearch = z.infer<typeof activitiesSearchSchema>;

export const activitiesPageSize = 20;

/** A new activity may start from a project (the project page's "New activity"). */
export const newActivitySearchSchema = z.object({
  project: z.string().max(64).optional().catch(undefined),
});

/**
 * The activity page's open tab, in the URL so a link can open the sessions. 'participants' is
 * filled by the participants feature (see activity-participants-slot.tsx) for roles that may see
 * who took part.
 */
export const activityTabs = ['overview', 'sessions', 'outputs', 'participants'] as const;
export type ActivityTab = (typeof activityTabs)[number];
export const activityPageSearchSchema = z.object({
  tab: z.enum(activityTabs).optional().catch(undefined),
  /** The sessions tab's page, so coming back from a register lands where one left. */
  page: z.number().int().min(1).optional().catch(undefined),
});
export type ActivityPageSearch = z.infer<typeof activityPageSearchSchema>;

export const sessionsPageSize = 25;

/** The project page's open tab, in the URL so a link can open the results. */
export const projectTabs = ['overview', 'results'] as const;
export type ProjectTab = (typeof projectTabs)[number];
export const projectPageSearchSchema = z.object({
  tab: z.enum(projectTabs).optional().catch(undefined),
});
