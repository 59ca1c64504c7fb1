export * from './types';
export * from './schedule';
export { parseDeadline, yearTargetDeadline } from './parse';
export { resolveDeadline, interpretDeadline, dueAfterEvent, relativeDueDate } from './resolve';
export { cleanText, foldText } from './normalize';
export { explainDeadline, explainDue, viDate, type DeadlineExplanation } from './explain';
