/** The routes upload-api answers (the registry's `routes`), by what they do. */
export type Route =
  | { readonly name: 'create-uploads' }
  | { readonly name: 'list-images' }
  | { readonly name: 'get-image'; readonly id: string }
  | { readonly name: 'preflight' }
  | { readonly name: 'unknown' };

/**
 * The route of an HTTP API v2 event, from its `routeKey` (`GET /images/{id}`) and path
 * parameters; `OPTIONS` of any path is a CORS preflight.
 *
 * @example
 * routeOf('GET /images/{id}', 'GET', { id: 'YW5h' }); // { name: 'get-image', id: 'YW5h' }
 */
export function routeOf(
  routeKey: string,
  method: string,
  pathParameters: Readonly<Record<string, string | undefined>> | undefined,
): Route {
  if (method === 'OPTIONS') return { name: 'preflight' };
  switch (routeKey) {
    case 'POST /uploads':
      return { name: 'create-uploads' };
    case 'GET /images':
      return { name: 'list-images' };
    case 'GET /images/{id}': {
      const id = pathParameters?.['id'];
      return id === undefined || id === '' ? { name: 'unknown' } : { name: 'get-image', id };
    }
    default:
      return { name: 'unknown' };
  }
}
