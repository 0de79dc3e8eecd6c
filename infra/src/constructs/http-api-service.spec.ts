import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HTTP_SERVICES } from '@imgpipe/registry';
import { parseRouteKey } from './http-api-service';

describe('parseRouteKey', () => {
  it('given a registry route key, then it is the method and the path API Gateway routes on', () => {
    expect(parseRouteKey('GET /images/{id}')).toEqual({
      method: HttpMethod.GET,
      path: '/images/{id}',
    });
    expect(parseRouteKey('POST /uploads')).toEqual({ method: HttpMethod.POST, path: '/uploads' });
  });

  it('given every route of every HTTP service, then each parses', () => {
    for (const route of HTTP_SERVICES.flatMap((service) => service.routes)) {
      expect(() => parseRouteKey(route)).not.toThrow();
    }
  });

  it.each(['GET', 'GET images', 'FETCH /images', 'get /images', '$default', 'GET /a b'])(
    'given %j, then it is refused',
    (routeKey) => {
      expect(() => parseRouteKey(routeKey)).toThrow(`route "${routeKey}" is not`);
    },
  );
});
