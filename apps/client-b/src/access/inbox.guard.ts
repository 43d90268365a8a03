import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf, enforceToken, checkToken, TokenCheck } from './bearer-token';
import { ClientBEnvironment } from '../config/client-b.environment';

/** Who may read the inbox: anyone while INBOX_TOKEN is unset, else whoever presents it. */
@Injectable()
export class InboxAccess {
  private readonly token?: string;

  constructor(env: ClientBEnvironment) {
    this.token = env.INBOX_TOKEN;
  }

  check(presented: string | undefined): TokenCheck {
    return checkToken(this.token, presented);
  }
}

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
