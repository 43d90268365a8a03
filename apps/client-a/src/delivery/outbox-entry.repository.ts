import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { duplicateTolerantInsert } from '@app/mongo';
import { ClientMessagePayload } from '@app/contracts';

/**
 * A message client-a accepted: its record's value, and the correlation id of
 * the request that sent it, which travels as a header of the record (not in
 * the value) and is kept in the outbox entry for the relay. Absent on entries
 * written before correlation ids were kept.
 */
export interface AcceptedMessage extends ClientMessagePayload {
  readonly correlationId?: string;
}

export const OUTBOX_COLLECTION = 'outbox';

/**
 * A message Kafka has not acknowledged yet, in `message-db.outbox`: written
 * before the sender's copy and deleted once published, so the relay scans a
 * collection as small as the backlog, not every message ever sent.
 */
@Schema({ collection: OUTBOX_COLLECTION, versionKey: false })
export class OutboxEntry {
  /** The messageId. */
  @Prop({ type: String })
  _id: string;

  @Prop({ required: true })
  from: string;

  @Prop({ required: true })
  to: string;

  @Prop({ required: true })
  message: string;

  @Prop({ required: true })
  acceptedAt: Date;

  /** The x-correlation-id of the request that sent it, for the record's header. */
  @Prop()
  correlationId?: string;
}

export const OutboxEntrySchema = SchemaFactory.createForClass(OutboxEntry);
OutboxEntrySchema.index({ acceptedAt: 1 }, { name: 'acceptedAt' });

/** The messages still to publish; the only code that touches their model. */
@Injectable()
export class OutboxEntryRepository {
  constructor(@InjectModel(OutboxEntry.name) private readonly model: Model<OutboxEntry>) {}

  /** Resolves once every entry is durable, with one bulk insert. Idempotent: entries that exist already are left as they are. */
  async addMany(messages: readonly AcceptedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const entries = messages.map(({ messageId, from, to, message, acceptedAt, correlationId }) => ({
      _id: messageId,
      from,
      to,
      message,
      acceptedAt: new Date(acceptedAt),
      ...(correlationId === undefined ? {} : { correlationId }),
    }));
    await duplicateTolerantInsert(() => this.model.insertMany(entries, { ordered: false, lean: true }), entries.length);
  }

  /**
   * The oldest entries accepted at or before `acceptedBefore`, oldest first;
   * with `after`, only those that come after that entry in this order.
   */
  async oldest(acceptedBefore: Date, limit: number, after?: AcceptedMessage): Promise<AcceptedMessage[]> {
    const filter = after
      ? {
          acceptedAt: { $lte: acceptedBefore },
          $or: [
            { acceptedAt: { $gt: new Date(after.acceptedAt) } },
            { acceptedAt: new Date(after.acceptedAt), _id: { $gt: after.messageId } },
          ],
        }
      : { acceptedAt: { $lte: acceptedBefore } };
    const entries = await this.model.find(filter).sort({ acceptedAt: 1, _id: 1 }).limit(limit).lean().exec();
    return entries.map(({ _id, from, to, message, acceptedAt, correlationId }) => ({
      messageId: _id,
      from,
      to,
      message,
      acceptedAt: acceptedAt.toISOString(),
      ...(correlationId ? { correlationId } : {}),
    }));
  }

  /** How many entries wait, bounded by `timeoutMs` on the server. */
  count(timeoutMs: number): Promise<number> {
    return this.model.countDocuments({}, { maxTimeMS: timeoutMs });
  }

  /** One bulk write of deletes by primary key (FerretDB v1 serves `_id` equality from its index, not `$in`). */
  async remove(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.model.bulkWrite(
      messageIds.map((messageId) => ({ deleteOne: { filter: { _id: messageId } } })),
      { ordered: false },
    );
  }
}
