// SVG has no magic number: it is XML text, possibly after a BOM, whitespace, an XML
// declaration, comments and a DOCTYPE. HTML is sniffed too, as a common wrong upload.

const WINDOW = 4096;

export function sniffMarkup(bytes: Uint8Array): 'svg' | 'html' | undefined {
  let text = decodeStart(bytes.subarray(0, WINDOW));
  // Each pass drops one prolog item; the cap keeps hostile input from looping long.
  for (let pass = 0; pass < 32; pass += 1) {
    text = text.trimStart();
    const lower = text.slice(0, 16).toLowerCase();
    if (/^<svg[\s>/:]/.test(lower)) return 'svg';
    if (/^<html[\s>]/.test(lower) || lower.startsWith('<!doctype html')) return 'html';
    if (lower.startsWith('<!doctype svg')) return 'svg';
    const rest = skipProlog(text);
    if (rest === undefined) return undefined;
    text = rest;
  }
  return undefined;
}

function skipProlog(text: string): string | undefined {
  const closers: ReadonlyArray<readonly [open: string, close: string]> = [
    ['<?', '?>'],
    ['<!--', '-->'],
    ['<!', '>'],
  ];
  const pair = closers.find(([open]) => text.startsWith(open));
  if (pair === undefined) return undefined;
  const end = text.indexOf(pair[1], pair[0].length);
  return end === -1 ? undefined : text.slice(end + pair[1].length);
}

function decodeStart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // TextDecoder drops a UTF-8 BOM by itself; invalid bytes become U+FFFD and fail the sniff.
  return new TextDecoder('utf-8').decode(bytes);
}
