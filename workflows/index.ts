// The only workflowsPath: every workflow the worker runs is exported here.
export { assignmentWorkflow } from './assignment';
export { noopWorkflow } from './noop';
export { periodReportWorkflow, scheduledReportWorkflow } from './period-report';
