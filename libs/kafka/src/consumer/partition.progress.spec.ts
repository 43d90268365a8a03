import { PartitionProgress } from './partition.progress';

function progressTaking(...offsets: string[]): PartitionProgress {
  const progress = new PartitionProgress('client-messages', 0);
  offsets.forEach((offset) => progress.take(offset));
  return progress;
}

describe(PartitionProgress.name, () => {
  describe('committable', () => {
    it.each([
      { finished: [], expected: '5' },
      { finished: ['5'], expected: '6' },
      { finished: ['6', '7'], expected: '5' },
      { finished: ['5', '7'], expected: '6' },
      { finished: ['7', '5'], expected: '6' },
      { finished: ['7', '6', '5'], expected: '8' },
      { finished: ['5', '6', '7'], expected: '8' },
    ])('should answer $expected when offsets 5..7 are taken and $finished finished', ({ finished, expected }) => {
      // Arrange
      const progress = progressTaking('5', '6', '7');

      // Act
      finished.forEach((offset) => progress.finish(offset));

      // Assert
      expect(progress.committable()).toBe(expected);
    });

    it('should be undefined when nothing was taken', () => {
      expect(new PartitionProgress('client-messages', 0).committable()).toBeUndefined();
    });

    it('should be undefined when the lowest unfinished offset is already committed', () => {
      // Arrange
      const progress = progressTaking('5', '6', '7');
      progress.finish('6');
      progress.markCommitted('5');

      // Act
      const offset = progress.committable();

      // Assert
      expect(offset).toBeUndefined();
    });

    it('should move past the whole prefix when the record holding it back finishes', () => {
      // Arrange
      const progress = progressTaking('5', '6', '7');
      progress.finish('6');
      progress.finish('7');
      progress.markCommitted('5');

      // Act
      progress.finish('5');

      // Assert
      expect(progress.committable()).toBe('8');
    });

    it('should compare offsets as numbers when they have different lengths', () => {
      // Arrange
      const progress = progressTaking('9', '10', '11');

      // Act
      progress.finish('10');

      // Assert
      expect(progress.committable()).toBe('9');
    });
  });

  describe('passOver', () => {
    it('should answer one past the passed-over offset when everything taken before it is finished', () => {
      // Arrange
      const progress = progressTaking('5', '6');
      progress.finish('5');
      progress.finish('6');

      // Act
      progress.passOver('8');

      // Assert
      expect(progress.committable()).toBe('9');
    });

    it('should keep the lowest unfinished offset when a record before the passed-over ones is outstanding', () => {
      // Arrange
      const progress = progressTaking('5', '6');
      progress.finish('6');

      // Act
      progress.passOver('8');

      // Assert
      expect(progress.committable()).toBe('5');
    });
  });

  describe('markCommitted', () => {
    it('should never move back when an older offset is marked after a newer one', () => {
      // Arrange
      const progress = progressTaking('5', '6');
      progress.finish('5');
      progress.finish('6');
      progress.markCommitted('7');

      // Act
      progress.markCommitted('6');

      // Assert
      expect(progress.committable()).toBeUndefined();
    });
  });
});
