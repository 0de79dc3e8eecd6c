export * from './image-fixtures';
export * from './hostile-fixtures';
export { BLUE, RED } from './fixture-pixels';
export type { FixtureSize, Rgb } from './fixture-pixels';
export type { ExifFixture } from './exif-fixture';
export * from './local-stack';
export * from './sqs-event-factory';
export * from './image-event-factory';
