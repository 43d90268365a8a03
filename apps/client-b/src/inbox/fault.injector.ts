import { Injectable, Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { RetriableMessageError } from '@app/kafka';

/** The failure FAULT_INJECTION_MATCH asks for: retriable, so it walks the whole retry path. */
export class InjectedFaultError extends RetriableMessageError {
  override readonly name = 'InjectedFaultError';
}

/**
 * Deterministic failures for demos and tests: a message whose text contains
 * the match fails with a retriable error. Starts from FAULT_INJECTION_MATCH
 * (off when unset); `PUT /admin/fault-injection` changes it while the service
 * runs, on this instance only, so a whole failure and recovery can be shown
 * without a restart.
 */
@Injectable()
export class FaultInjector {
  private readonly logger = new Logger(FaultInjector.name);
  private current?: string;

  constructor(env: ClientBEnvironment) {
    this.current = env.FAULT_INJECTION_MATCH;
  }

  /** The text that makes a message fail; null when fault injection is off. */
  get match(): string | null {
    return this.current ?? null;
  }

  set match(match: string | null) {
    this.current = match ?? undefined;
    this.logger.warn(
      match === null ? 'Fault injection off' : `Fault injection on: messages containing "${match}" fail`,
    );
  }

  /** The error to fail this message with, or undefined to process it normally. */
  faultFor(messageText: string): InjectedFaultError | undefined {
    const match = this.current;
    if (match === undefined || !messageText.includes(match)) return undefined;
    return new InjectedFaultError(`injected failure: message text contains "${match}"`);
  }
}
