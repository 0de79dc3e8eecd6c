export { classifyFailure, isPermanentFailure } from './failure-classification';
export type { FailureKind, PermanentFailure } from './failure-classification';
export { runStage } from './run-stage';
export type { RunStageParams, StageOutcome, StageResult } from './run-stage';
export { createImageBatchHandler } from './image-batch-handler';
export type { ImageEventHandler, SqsBatchHandler } from './image-batch-handler';
