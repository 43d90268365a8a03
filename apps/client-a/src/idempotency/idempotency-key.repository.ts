import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKeyError } from '@app/mongo';

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

export interface IdempotencyClaim {
  readonly key: string;
  readonly messageId: string;
  readonly fingerprint: string;
  readonly acceptedAt: Date;
  readonly expiresAt: Date;
}

const CLAIM_ATTEMPTS = 3;

/** Idempotency keys in MongoDB; the only code that touches their model. */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectModel(IdempotencyKey.name) private readonly model: Model<IdempotencyKey>) {}

  /**
   * Claims `claim.key` for `claim.messageId`, unless a live claim holds it:
   * returns whichever claim holds the key afterwards. An expired claim is
   * taken over, by exactly one of the requests racing for it.
   */
  async claim(claim: IdempotencyClaim): Promise<IdempotencyClaim> {
    const { key, ...fields } = claim;
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      try {
        await this.model.create({ _id: key, ...fields });
        return claim;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const holder = await this.model.findById(key).lean().exec();
      // Swept between our insert and this read: try the insert again.
      if (!holder) continue;
      if (holder.expiresAt > claim.acceptedAt) return { key, ...holder };
      const takeOver = await this.model.updateOne({ _id: key, expiresAt: holder.expiresAt }, { $set: fields }).exec();
      if (takeOver.modifiedCount === 1) return claim;
    }
    throw new Error(`Idempotency-Key could not be claimed after ${CLAIM_ATTEMPTS} attempts`);
  }

  /** Removes keys that expired before `now`; returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.model.deleteMany({ expiresAt: { $lte: now } }).exec();
    return result.deletedCount;
  }
}
