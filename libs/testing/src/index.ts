export * from './image-fixtures';
export * from './local-stack';
