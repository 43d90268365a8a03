import { CLIENT_MESSAGES_TOPIC } from '@app/contracts';
import { InboundRecord, KafkaBatchContext, RecordOutcome } from '@app/kafka';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { InboxService } from './inbox.service';

/** Receives each fetched batch of the main and retry topics from the RetryTopicServer transport. */
@Controller()
export class InboxHandler {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern(CLIENT_MESSAGES_TOPIC)
  handle(@Payload() records: InboundRecord[], @Ctx() _context: KafkaBatchContext): Promise<RecordOutcome[]> {
    return this.inbox.receive(records);
  }
}
