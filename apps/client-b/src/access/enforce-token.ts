import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { TokenCheck } from './check-token';

/** Lets the request through, or throws the answer: 401 without a token, 403 with a wrong one. */
export function enforceToken(check: TokenCheck, reply: FastifyReply, realm: string, variable: string): true {
  if (check === 'open' || check === 'allowed') return true;
  if (check === 'missing') {
    void reply.header('www-authenticate', `Bearer realm="${realm}"`);
    throw new UnauthorizedException(`An Authorization: Bearer header with ${variable} is required`);
  }
  throw new ForbiddenException(`The bearer token is not ${variable}`);
}
