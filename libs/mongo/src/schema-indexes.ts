import { ConfigurationError, ServiceEnvironment } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';

// Codes a replica set answers with while it changes primary: waited for like an unreachable server.
const FAILOVER_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * True when the server answered and refused the build (a unique index over duplicates, an index
 * of the same name with other options): waiting cannot cure that, so the start stops. A network
 * error, a timeout or a failover is waited for.
 */
export function isRefusedByServer(error: unknown): boolean {
  if (!(error instanceof mongo.MongoServerError)) return false;
  const { RetryableWriteError, ResetPool } = mongo.MongoErrorLabel;
  if (error.hasErrorLabel(RetryableWriteError) || error.hasErrorLabel(ResetPool)) return false;
  return !FAILOVER_CODES.has(Number(error.code));
}

/**
 * Creates the indexes every model's schema declares, as an explicit step of start-up
 * (main.ts calls it before anything reads or writes), instead of Mongoose's autoIndex,
 * which is off: autoIndex builds in the background, so writes race the build, and a
 * failure (a unique index over duplicates) is only an event nobody hears. Existing
 * indexes are left as they are: nothing is dropped (not syncIndexes), since both
 * services share `messages` and an operator may add indexes of their own.
 */
@Injectable()
export class IndexProvisioner {
  private readonly logger = new Logger(IndexProvisioner.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly env: ServiceEnvironment,
  ) {}

  async ensureIndexes(): Promise<void> {
    const started = Date.now();
    const collections: string[] = [];
    for (const model of Object.values(this.connection.models)) {
      const collection = model.collection.collectionName;
      try {
        await this.bounded(model.createIndexes(), collection);
      } catch (error) {
        const message = `MongoDB indexes of collection ${collection} could not be created: ${(error as Error).message}`;
        throw isRefusedByServer(error)
          ? new ConfigurationError(message, { cause: error })
          : new Error(message, { cause: error });
      }
      collections.push(collection);
    }
    this.logger.log(`Indexes ready on ${collections.join(', ')} in ${Date.now() - started} ms`);
  }

  // Twice MONGODB_TIMEOUT_MS, the socket's own bound: an index that needs longer to build (a new
  // one on a large collection) is built before the deploy, and this step then finds it there.
  private async bounded(work: Promise<unknown>, collection: string): Promise<void> {
    const timeoutMs = this.env.MONGODB_TIMEOUT_MS * 2;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${timeoutMs} ms (MONGODB_TIMEOUT_MS × 2) for ${collection}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
