import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

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
