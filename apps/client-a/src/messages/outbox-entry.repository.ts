import { ClientMessagePayload } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { duplicateTolerantInsert } from '@app/mongo';
import { OutboxEntry } from './outbox-entry.schema';

/** The messages still to publish; the only code that touches their model. */
@Injectable()
export class OutboxEntryRepository {
  constructor(@InjectModel(OutboxEntry.name) private readonly model: Model<OutboxEntry>) {}

  /** Resolves once every entry is durable, with one bulk insert. Idempotent: entries that exist already are left as they are. */
  async addMany(payloads: readonly ClientMessagePayload[]): Promise<void> {
    if (payloads.length === 0) return;
    const entries = payloads.map(({ messageId, from, to, message, acceptedAt }) => ({
      _id: messageId,
      from,
      to,
      message,
      acceptedAt: new Date(acceptedAt),
    }));
    await duplicateTolerantInsert(() => this.model.insertMany(entries, { ordered: false, lean: true }), entries.length);
  }

  /** The oldest entries accepted at or before `acceptedBefore`, oldest first. */
  async oldest(acceptedBefore: Date, limit: number): Promise<ClientMessagePayload[]> {
    const entries = await this.model
      .find({ acceptedAt: { $lte: acceptedBefore } })
      .sort({ acceptedAt: 1, _id: 1 })
      .limit(limit)
      .lean()
      .exec();
    return entries.map(({ _id, from, to, message, acceptedAt }) => ({
      messageId: _id,
      from,
      to,
      message,
      acceptedAt: acceptedAt.toISOString(),
    }));
  }

  async has(messageId: string): Promise<boolean> {
    return (await this.model.exists({ _id: messageId }).exec()) !== null;
  }

  async remove(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    // A plain equality on _id is the one filter FerretDB v1 serves without a scan.
    const filter = messageIds.length === 1 ? { _id: messageIds[0] } : { _id: { $in: messageIds } };
    await this.model.deleteMany(filter).exec();
  }
}
