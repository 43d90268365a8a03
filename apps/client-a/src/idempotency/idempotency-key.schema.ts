import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const IDEMPOTENCY_KEYS_COLLECTION = 'idempotency-keys';

/**
 * An Idempotency-Key and the message it stands for, in
 * `message-db.idempotency-keys`. The key is the primary key, so two requests
 * racing with one key cannot both claim it.
 */
@Schema({ collection: IDEMPOTENCY_KEYS_COLLECTION, versionKey: false })
export class IdempotencyKey {
  @Prop({ type: String })
  _id: string;

  @Prop({ required: true })
  messageId: string;

  /** Hash of from, to and message: the same key with another body is refused. */
  @Prop({ required: true })
  fingerprint: string;

  @Prop({ required: true })
  acceptedAt: Date;

  /**
   * Past this the key is forgotten. FerretDB has no TTL indexes, so
   * IdempotencyKeySweeper deletes expired keys, and reads ignore them meanwhile.
   */
  @Prop({ required: true })
  expiresAt: Date;
}

export const IdempotencyKeySchema = SchemaFactory.createForClass(IdempotencyKey);
IdempotencyKeySchema.index({ expiresAt: 1 }, { name: 'expiresAt' });
