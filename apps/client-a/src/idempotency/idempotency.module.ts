import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdempotencyKeyRepository, IdempotencyKey, IdempotencyKeySchema } from './idempotency-key.repository';
import { IdempotencyKeySweeper } from './idempotency-key.sweeper';

/** Remembers Idempotency-Keys for IDEMPOTENCY_KEY_TTL_MS, in MongoDB so a restart forgets nothing. */
@Module({
  imports: [MongooseModule.forFeature([{ name: IdempotencyKey.name, schema: IdempotencyKeySchema }])],
  providers: [IdempotencyKeyRepository, IdempotencyKeySweeper],
  exports: [IdempotencyKeyRepository],
})
export class IdempotencyModule {}
