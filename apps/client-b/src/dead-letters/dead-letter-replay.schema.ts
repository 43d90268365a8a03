import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const DEAD_LETTER_REPLAYS_COLLECTION = 'dead-letter-replays';

/**
 * One dead letter an operator replayed, in `message-db.dead-letter-replays`.
 * Its address (`<topic>:<partition>:<offset>`) is the primary key, so a dead
 * letter is replayed once however many operators ask at once.
 */
@Schema({ collection: DEAD_LETTER_REPLAYS_COLLECTION, versionKey: false })
export class DeadLetterReplay {
  @Prop({ type: String })
  _id: string;

  @Prop({ type: String, default: null })
  messageId: string | null;

  /** When a replay took it on; a claim never confirmed goes stale (its replayer died). */
  @Prop({ required: true })
  claimedAt: Date;

  /** When the broker acknowledged its record on the retry topic; null while claimed only. */
  @Prop({ type: Date, default: null })
  replayedAt: Date | null;
}

export const DeadLetterReplaySchema = SchemaFactory.createForClass(DeadLetterReplay);
