import type { SniffedFormat } from './sniff-format';

const NAMES: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  zip: 'a ZIP archive',
  gzip: 'gzip data',
  html: 'HTML',
  mp4: 'an MP4/QuickTime video',
};

/** Says what non-image bytes look like, for the rejection reason ("looks like PDF"). */
export function describeNonImage(bytes: Uint8Array, sniffed: SniffedFormat | undefined): string {
  if (sniffed !== undefined) return `looks like ${NAMES[sniffed.format] ?? sniffed.format}`;
  return looksLikeText(bytes) ? 'looks like text' : 'no known image signature';
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  // Allow one broken trailing character where the sample cut a multi-byte sequence.
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  return replaced <= 1 && ![...text].some(isControl);
}

function isControl(character: string): boolean {
  const code = character.charCodeAt(0);
  // Tab, line feed, vertical tab, form feed and carriage return are ordinary in text.
  return code < 0x20 && (code < 0x09 || code > 0x0d);
}
