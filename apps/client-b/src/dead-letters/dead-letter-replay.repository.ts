import { bulkInsertResults, translateWriteError } from '@app/mongo';
import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';

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

export interface ReplayClaim {
  readonly address: string;
  readonly messageId: string | null;
}

/**
 * Which dead letters were replayed: a replay claims each one first (an insert
 * keyed by its address, so only one replay wins), publishes, then confirms.
 * A claim that was never confirmed, because its replayer died between the two,
 * may be taken over once it is older than `staleBefore`.
 */
@Injectable()
export class DeadLetterReplayRepository {
  constructor(@InjectModel(DeadLetterReplay.name) private readonly model: Model<DeadLetterReplay>) {}

  /** The addresses this caller now holds; the others were (or are being) replayed by someone else. */
  async claim(claims: readonly ReplayClaim[], now: Date, staleBefore: Date): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const documents = claims.map(({ address, messageId }) => ({
      _id: address,
      messageId,
      claimedAt: now,
      replayedAt: null,
    }));
    const results = await bulkInsertResults(
      () => this.model.insertMany(documents, { ordered: false, lean: true }),
      documents.length,
    );
    const held = new Set<string>();
    const taken: string[] = [];
    let failure: Error | undefined;
    results.forEach((error, index) => {
      if (error === undefined) return held.add(claims[index].address);
      const meaning = translateWriteError(error);
      if (meaning === 'already-stored') taken.push(claims[index].address);
      else failure ??= meaning;
    });
    if (failure) {
      await this.release([...held]);
      throw failure;
    }
    for (const address of taken) {
      // Only a claim that is stale and still unconfirmed is taken over, by exactly one caller.
      const { modifiedCount } = await this.model
        .updateOne({ _id: address, replayedAt: null, claimedAt: { $lt: staleBefore } }, { $set: { claimedAt: now } })
        .exec();
      if (modifiedCount === 1) held.add(address);
    }
    return held;
  }

  async confirm(addresses: readonly string[], replayedAt: Date): Promise<void> {
    if (addresses.length === 0) return;
    await this.model.updateMany({ _id: { $in: [...addresses] } }, { $set: { replayedAt } }).exec();
  }

  /** Gives claims back after a failed publish, so the next replay may try them again. */
  async release(addresses: readonly string[]): Promise<void> {
    if (addresses.length === 0) return;
    await this.model.deleteMany({ _id: { $in: [...addresses] }, replayedAt: null }).exec();
  }

  /** When each of these dead letters was replayed, for those that were. */
  async replayedAt(addresses: readonly string[]): Promise<Map<string, Date>> {
    if (addresses.length === 0) return new Map();
    const found = await this.model
      .find({ _id: { $in: [...addresses] }, replayedAt: { $ne: null } }, { replayedAt: 1 })
      .lean<{ _id: string; replayedAt: Date }[]>()
      .exec();
    return new Map(found.map(({ _id, replayedAt }) => [_id, replayedAt]));
  }
}
