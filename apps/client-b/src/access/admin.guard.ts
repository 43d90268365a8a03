import { CanActivate, ExecutionContext, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClientBEnvironment } from '../config/client-b.environment';
import { bearerTokenOf } from './bearer-token';
import { enforceToken } from './enforce-token';
import { checkToken } from './check-token';

/**
 * Admin endpoints: `Authorization: Bearer <ADMIN_TOKEN>`, 401 without it, 403
 * with another. Without ADMIN_TOKEN they are off and answer 503 saying so:
 * the endpoints exist, this service is just not configured to serve them.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly token?: string;

  constructor(env: ClientBEnvironment) {
    this.token = env.ADMIN_TOKEN;
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.token === undefined) {
      throw new ServiceUnavailableException('Admin endpoints are off: set ADMIN_TOKEN on client-b to use them');
    }
    const http = context.switchToHttp();
    const presented = bearerTokenOf(http.getRequest<FastifyRequest>().headers.authorization);
    return enforceToken(
      checkToken(this.token, presented),
      http.getResponse<FastifyReply>(),
      'client-b admin',
      'ADMIN_TOKEN',
    );
  }
}
