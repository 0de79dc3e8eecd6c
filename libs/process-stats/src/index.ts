export { numericEntries, readProcText } from './proc-files';
export { parseStat, USER_HZ } from './proc-stat';
export type { ProcStat } from './proc-stat';
export {
  descendantPids,
  processCpuSeconds,
  processStat,
  processTreeCpuSeconds,
} from './process-tree';
export { processMemory, residentMemory } from './resident-memory';
export type { ResidentMemory } from './resident-memory';
