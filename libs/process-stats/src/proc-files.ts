import { readdirSync, readFileSync } from 'node:fs';

/** A `/proc` file's text, or `undefined` when its process is gone or there is no `/proc`. */
export function readProcText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The numeric entries of a `/proc` directory (pids, or a process's `task` tids); none when gone. */
export function numericEntries(directory: string): number[] {
  try {
    return readdirSync(directory)
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
}
