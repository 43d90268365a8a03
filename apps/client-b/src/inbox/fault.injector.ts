import { Injectable } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { InjectedFaultError } from './injected-fault.error';

/** Deterministic failures for demos and tests; off unless FAULT_INJECTION_MATCH is set. */
@Injectable()
export class FaultInjector {
  private readonly match?: string;

  constructor(env: ClientBEnvironment) {
    this.match = env.FAULT_INJECTION_MATCH;
  }

  /** The error to fail this message with, or undefined to process it normally. */
  faultFor(messageText: string): InjectedFaultError | undefined {
    if (this.match === undefined || !messageText.includes(this.match)) return undefined;
    return new InjectedFaultError(`injected failure: message text contains "${this.match}"`);
  }
}
