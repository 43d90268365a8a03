import { ADMIN_BEARER_AUTH } from '@app/http';
import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClientBEnvironment } from '../config/client-b.environment';
import { bearerTokenOf, checkToken, enforceToken } from './bearer-token';

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

/** An admin controller: behind AdminGuard, and documented with the answers the guard may give. */
export function AdminEndpoint(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(ADMIN_BEARER_AUTH),
    ApiUnauthorizedResponse({ description: 'No bearer token' }),
    ApiForbiddenResponse({ description: 'Not ADMIN_TOKEN' }),
    ApiServiceUnavailableResponse({ description: 'ADMIN_TOKEN is not set on this instance' }),
    UseGuards(AdminGuard),
  );
}
