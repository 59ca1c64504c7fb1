/**
 * Since this patch an assignment takes the `reproject` update: a calendar change moves its open milestones
 * (DeadlineReprojected), and the workflow re-arms its timers for the new dates. The marker is placed when such an
 * update is handled, so histories recorded before it (which never received one) replay unchanged.
 */
export const CALENDAR_REPROJECT = 'calendar-reproject-v1';
