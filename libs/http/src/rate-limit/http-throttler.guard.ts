import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * ThrottlerGuard for HTTP routes only, safe as an `APP_GUARD`: a global guard
 * also runs before Kafka handlers and Socket.IO events, where there is no
 * request to count (ThrottlerGuard would fail them).
 */
@Injectable()
export class HttpThrottlerGuard extends ThrottlerGuard {
  override canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    return super.canActivate(context);
  }
}
