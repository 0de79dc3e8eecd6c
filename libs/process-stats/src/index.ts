export { numericEntries, readProcText } from './proc-files';
export { USER_HZ } from './proc-stat';
export { descendantPids, processStat, processTreeCpuSeconds } from './process-tree';
export { processMemory } from './resident-memory';
export type { ResidentMemory } from './resident-memory';
