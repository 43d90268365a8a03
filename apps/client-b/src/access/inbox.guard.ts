import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_TOKEN_QUERY_PARAMETER, TOKEN_IN_QUERY } from './access.constants';
import { bearerTokenOf } from './bearer-token';
import { InboxAccess } from './inbox.access';
import { enforceToken } from './enforce-token';

/** The inbox's HTTP endpoints: INBOX_TOKEN as a bearer token when it is set (always in production). */
@Injectable()
export class InboxGuard implements CanActivate {
  constructor(
    private readonly access: InboxAccess,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const inQuery = this.reflector.getAllAndOverride<boolean>(TOKEN_IN_QUERY, [context.getHandler(), context.getClass()]);
    const presented = bearerTokenOf(request.headers.authorization) ?? (inQuery ? queryToken(request.query) : undefined);
    return enforceToken(this.access.check(presented), http.getResponse<FastifyReply>(), 'client-b inbox', 'INBOX_TOKEN');
  }
}

function queryToken(query: unknown): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[ACCESS_TOKEN_QUERY_PARAMETER];
  return typeof value === 'string' ? value : undefined;
}
