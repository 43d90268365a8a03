import { CanActivate, ExecutionContext, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ClientBEnvironment } from '../config/client-b.environment';

/** Seconds a refused SSE client or socket is told to wait before it tries again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Connections of one kind this instance serves at once: each open one costs
 * memory (buffers, subscriptions), so past `max` a new one is refused rather
 * than let the heap grow with the number of clients.
 */
export class ConnectionLimit {
  private open = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.open;
  }

  /** A place for one more connection and the function that gives it back (once), or undefined when none is left. */
  take(): (() => void) | undefined {
    if (this.open >= this.max) return undefined;
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
    };
  }
}

/**
 * At most SSE_MAX_CONNECTIONS open streams on this instance: one more is
 * answered 503 with `Retry-After` (an EventSource then tries again by itself
 * later). A place is given back when its response closes, however it ends.
 * Runs after the inbox guard, so requests without the token take no place.
 */
@Injectable()
export class SseConnectionLimitGuard implements CanActivate {
  readonly limit: ConnectionLimit;

  constructor(env: ClientBEnvironment) {
    this.limit = new ConnectionLimit(env.SSE_MAX_CONNECTIONS);
  }

  canActivate(context: ExecutionContext): boolean {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const release = this.limit.take();
    if (!release) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw new ServiceUnavailableException(
        `This instance serves its most SSE streams at once (SSE_MAX_CONNECTIONS=${this.limit.max}): try again in ${RETRY_AFTER_SECONDS} s`,
      );
    }
    reply.raw.once('close', release);
    return true;
  }
}
