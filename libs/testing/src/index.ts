export * from './image-fixtures';
export * from './local-stack';
export * from './sqs-event-factory';
export * from './image-event-factory';
