import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Answers 503 with the reason when the broker or the database failed in a way
 * that may pass (the error says `retriable: true`): the operator may ask again.
 * Other errors go on to the exception filter as they are.
 */
export async function unavailableWhenRetriable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if ((error as { retriable?: unknown } | null)?.retriable === true) {
      throw new ServiceUnavailableException(`${(error as Error).message}; try again`);
    }
    throw error;
  }
}
