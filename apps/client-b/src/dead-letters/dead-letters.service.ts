import { RequestValidationError } from '@app/http';
import { Injectable } from '@nestjs/common';
import { ReceivedMessageRepository } from '../inbox/received-message.repository';
import { decodeDeadLetterCursor, DeadLetterReader } from './dead-letter.reader';
import { DeadLetterPageQuery, ReplayRequestDto } from './dead-letters.dto';
import { DeadLetterReplayRepository } from './dead-letter-replay.repository';
import { DeadLetterReplayer, ReplayOutcome } from './dead-letter.replayer';
import { DeadLetterView } from './dead-letter.view';

export interface DeadLetterPage {
  readonly topic: string;
  readonly deadLetters: DeadLetterView[];
  /** Pass as `cursor` for the next page; null once the topic is read to its end. */
  readonly nextCursor: string | null;
}

/** The dead letters of client-b's operators: pages with what became of each, and replays. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly reader: DeadLetterReader,
    private readonly replayer: DeadLetterReplayer,
    private readonly replays: DeadLetterReplayRepository,
    private readonly inbox: ReceivedMessageRepository,
  ) {}

  async page(query: DeadLetterPageQuery): Promise<DeadLetterPage> {
    const from = query.cursor === undefined ? undefined : decodeDeadLetterCursor(query.cursor);
    const { errorClass, since, until } = query;
    const { entries, nextCursor } = await this.reader.page({
      limit: query.limit,
      from,
      filter: { errorClass, since, until },
    });
    await this.addWhatBecameOf(entries);
    return { topic: this.reader.topic, deadLetters: entries, nextCursor };
  }

  replay(request: ReplayRequestDto): Promise<ReplayOutcome> {
    const { partition, offset, errorClass, since, until } = request;
    if (partition === undefined || offset === undefined)
      return this.replayer.replayMatching({ errorClass, since, until });
    const filterFields = Object.entries({ errorClass, since, until }).filter(([, value]) => value !== undefined);
    if (filterFields.length > 0) {
      const reasons = ['a replay names one dead letter (partition and offset) or a filter, not both'];
      throw new RequestValidationError(filterFields.map(([field]) => ({ field, reasons })));
    }
    return this.replayer.replayOne({ partition, offset: String(BigInt(offset)) });
  }

  private async addWhatBecameOf(entries: DeadLetterView[]): Promise<void> {
    const addresses = entries.map(({ partition, offset }) => `${this.reader.topic}:${partition}:${offset}`);
    const messageIds = entries.flatMap(({ messageId }) => (messageId === null ? [] : [messageId]));
    const [replayed, stored] = await Promise.all([this.replays.replayedAt(addresses), this.inbox.storedAt(messageIds)]);
    entries.forEach((entry, index) => {
      entry.replayedAt = replayed.get(addresses[index])?.toISOString() ?? null;
      entry.storedAt = entry.messageId === null ? null : (stored.get(entry.messageId)?.toISOString() ?? null);
    });
  }
}
