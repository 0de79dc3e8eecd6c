/** A request matched to one of an HTTP API's route keys. */
export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
}

/**
 * The route an HTTP API would pick for a request: the route key (`GET /images/{id}`) whose
 * method and path match, with its `{name}` segments as path parameters (percent-decoded,
 * as API Gateway gives them). `undefined` when none matches: API Gateway's own 404.
 *
 * @example
 * matchRoute(['GET /images/{id}'], 'GET', '/images/YW5h');
 * // { routeKey: 'GET /images/{id}', pathParameters: { id: 'YW5h' } }
 */
export function matchRoute(
  routes: readonly string[],
  method: string,
  path: string,
): MatchedRoute | undefined {
  const segments = path.split('/').slice(1);
  for (const routeKey of routes) {
    const [routeMethod = '', routePath = ''] = routeKey.split(' ');
    if (routeMethod !== method && routeMethod !== 'ANY') continue;
    const pattern = routePath.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    const parameters: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      if (segment === '') return false;
      try {
        parameters[name] = decodeURIComponent(segment);
      } catch {
        return false;
      }
      return true;
    });
    if (matches) {
      return {
        routeKey,
        pathParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
      };
    }
  }
  return undefined;
}
