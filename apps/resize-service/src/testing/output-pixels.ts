import type { ResizedOutput } from '../resize';

/**
 * Finds an output by its file name (`800w.webp`), failing with the names there are.
 *
 * @example
 * const thumb = outputNamed(outputs, 'thumb-200.jpg');
 */
export function outputNamed(outputs: readonly ResizedOutput[], file: string): ResizedOutput {
  const names = outputs.map((output) => `${output.name}.${output.extension}`);
  const found = outputs[names.indexOf(file)];
  if (!found) throw new Error(`no ${file} among ${names.join(', ')}`);
  return found;
}
