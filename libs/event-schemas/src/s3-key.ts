/**
 * Decodes an object key as S3 writes it into event notifications: URL-encoded, with `+`
 * standing for a space (a literal `+` arrives as `%2B`).
 *
 * @example
 * decodeS3Key('my+photos/caf%C3%A9+%2B+tea.jpg'); // 'my photos/café + tea.jpg'
 */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * Encodes a key the way S3 does in event notifications, so a local bridge produces the
 * same bytes AWS would: path separators kept, spaces as `+`, everything else escaped.
 *
 * @example
 * encodeS3Key('my photos/café + tea.jpg'); // 'my+photos/caf%C3%A9+%2B+tea.jpg'
 */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}
