import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccessModule } from '../access/access.module';
import { InboxModule } from '../inbox/inbox.module';
import { DeadLetterReader } from './dead-letter.reader';
import { DeadLetterReplay, DeadLetterReplaySchema, DeadLetterReplayRepository } from './dead-letter-replay.repository';
import { DeadLetterReplayer, ReplayCounters } from './dead-letter.replayer';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

/** Dead letters back into the flow: GET /dead-letters and POST /dead-letters/replay. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: DeadLetterReplay.name, schema: DeadLetterReplaySchema }]),
    InboxModule,
    AccessModule,
  ],
  controllers: [DeadLettersController],
  providers: [DeadLetterReader, DeadLetterReplayRepository, DeadLetterReplayer, DeadLettersService, ReplayCounters],
  exports: [DeadLettersService, ReplayCounters],
})
export class DeadLettersModule {}
