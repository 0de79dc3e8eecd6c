export { classifyFailure, isPermanentFailure } from './failure-classification';
export type { FailureKind, PermanentFailure } from './failure-classification';
export { runStage } from './run-stage';
export type { RunStageParams, StageOutcome, StageResult } from './run-stage';
export { byEventKind, createImageBatchHandler } from './image-batch-handler';
export { removeStage } from './remove-stage';
export type { RemoveStageParams } from './remove-stage';
export type { ImageBatchOptions, ImageEventHandler, SqsBatchHandler } from './image-batch-handler';
export { createConcurrencyLimit } from './concurrency-limit';
export type { ConcurrencyLimit } from './concurrency-limit';
export { MAX_CONCURRENT_IMAGES, maxConcurrentImagesFromEnv } from './max-concurrent-images';
export { SUMMARY_ATTRIBUTES, summariseDlqMessage } from './dlq-messages';
export type { DlqMessageSummary, ReceivedMessage } from './dlq-messages';
export { sendEntriesFor, settleSendResults } from './dlq-batch-entries';
export type { SettledSend, UnsentMessage } from './dlq-batch-entries';
export { listDlq, replayDlq } from './dlq-replay';
export { queueCounts } from './sqs-pages';
export type { QueueCounts } from './sqs-pages';
export type {
  ListDlqOptions,
  ReplayOptions,
  ReplayProgress,
  ReplayQueues,
  ReplayResult,
} from './dlq-replay';
export { MoveTaskRunningError, cancelDlqRedrive, listMoveTasks, redriveDlq } from './dlq-move-task';
export type { RedriveOptions, RedriveResult } from './dlq-move-task';
export {
  MOVE_TASK_RATE,
  isMoveTaskFinished,
  isMoveTaskSuccess,
  moveTaskOf,
  runningMoveTask,
  taskStartedAs,
} from './dlq-move-task-state';
export type { MoveTask, MoveTaskEntry, MoveTaskStatus } from './dlq-move-task-state';
export { createPacer, rateWaitMs } from './dlq-replay-rate';
export type { Pacer } from './dlq-replay-rate';
