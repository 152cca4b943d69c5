import { ActivityEnrolments } from '../participants/activity-enrolments';

/**
 * The activity page's "Participants" tab (shown only to roles with participant.read): the
 * enrolment list of the participants feature.
 */
export function ActivityParticipantsSlot({ activityId }: { activityId: string }) {
  return <ActivityEnrolments activityId={activityId} />;
}
