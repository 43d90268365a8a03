import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf } from './bearer-token';
import { InboxAccess } from './inbox.access';
import { enforceToken } from './enforce-token';

/**
 * The inbox's HTTP endpoints: INBOX_TOKEN as a bearer token when it is set
 * (always in production). Only as a header: a token in a query string ends up
 * in access logs, browser history and Referer headers, so none is read there.
 */
@Injectable()
export class InboxGuard implements CanActivate {
  constructor(private readonly access: InboxAccess) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const presented = bearerTokenOf(http.getRequest<FastifyRequest>().headers.authorization);
    return enforceToken(
      this.access.check(presented),
      http.getResponse<FastifyReply>(),
      'client-b inbox',
      'INBOX_TOKEN',
    );
  }
}
