import { RetriableMessageError } from '@app/kafka';

/** The failure FAULT_INJECTION_MATCH asks for: retriable, so it walks the whole retry path. */
export class InjectedFaultError extends RetriableMessageError {
  override readonly name = 'InjectedFaultError';
}
