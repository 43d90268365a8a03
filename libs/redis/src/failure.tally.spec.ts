import { Logger } from '@nestjs/common';
import { FailureTally } from './failure.tally';

class RecordingLogger extends Logger {
  readonly lines: string[] = [];
  override warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  override log(message: string): void {
    this.lines.push(`log ${message}`);
  }
}

describe(FailureTally.name, () => {
  it('should log the first failure of a run and sum up the run when something succeeds again', () => {
    // Arrange
    const logger = new RecordingLogger();
    const tally = new FailureTally(logger, 'Publishing', 'pushes are lost meanwhile');

    // Act
    tally.succeeded();
    [1, 2, 3].forEach(() => tally.failed(new Error('Connection is closed.')));
    const failingDuringRun = tally.failing;
    tally.succeeded();
    tally.succeeded();

    // Assert
    expect(failingDuringRun).toBe(true);
    expect(tally.failing).toBe(false);
    expect(logger.lines).toEqual([
      'warn Publishing failed: Connection is closed.; pushes are lost meanwhile',
      'log Publishing works again (3 failed meanwhile)',
    ]);
  });
});
