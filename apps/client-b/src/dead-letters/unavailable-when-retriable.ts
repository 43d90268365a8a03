import { isRetriable } from '@app/contracts';
import { HttpException, ServiceUnavailableException } from '@nestjs/common';

/**
 * Answers 503 with the reason when the broker or the database failed in a way
 * that may pass (see isRetriable): the operator may ask again. An answer
 * already decided (an HttpException) and errors that say they cannot pass go
 * on to the exception filter as they are.
 */
export async function unavailableWhenRetriable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof HttpException) && isRetriable(error)) {
      throw new ServiceUnavailableException(`${error instanceof Error ? error.message : String(error)}; try again`);
    }
    throw error;
  }
}
