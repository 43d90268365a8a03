import { Logger } from '@nestjs/common';

/**
 * Logs the first failure of a run of failures and counts the others, then
 * sums them up once something succeeds again: an outage makes two log lines,
 * not one per command.
 */
export class FailureTally {
  private failures = 0;

  /** `what` names what fails ("Publishing stored messages"); `meanwhile` what that costs. */
  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly meanwhile: string,
  ) {}

  get failing(): boolean {
    return this.failures > 0;
  }

  failed(error: unknown): void {
    this.failures += 1;
    if (this.failures > 1) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`${this.what} failed: ${reason}; ${this.meanwhile}`);
  }

  succeeded(): void {
    if (this.failures === 0) return;
    this.logger.log(`${this.what} works again (${this.failures} failed meanwhile)`);
    this.failures = 0;
  }
}
