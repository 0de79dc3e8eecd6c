/**
 * The API's image id: the record's `imageId` (the source key) in base64url, so one path
 * segment carries any key, slashes and `%` included, with nothing for API Gateway or a
 * client to decode differently.
 *
 * @example
 * imageIdOf('ana/0b6e.jpg'); // 'YW5hLzBiNmUuanBn'
 */
export function imageIdOf(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The source key an image id stands for; `undefined` when it is not one {@link imageIdOf} made.
 *
 * @example
 * keyOfImageId('YW5hLzBiNmUuanBn'); // 'ana/0b6e.jpg'
 */
export function keyOfImageId(id: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(id)) return undefined;
  const key = Buffer.from(id, 'base64url').toString('utf8');
  return key !== '' && imageIdOf(key) === id ? key : undefined;
}
