export * from './types';
export * from './schedule';
export { parseDeadline, yearTargetDeadline } from './parse';
export { resolveDeadline, interpretDeadline, dueAfterEvent, relativeDueDate } from './resolve';
export { cleanText, foldText } from './normalize';
export { explainDeadline, explainDue, viDate, type DeadlineExplanation } from './explain';
export { reprojectMilestones, type DeadlineMove, type OpenMilestone, type ReprojectOptions } from './reproject';
