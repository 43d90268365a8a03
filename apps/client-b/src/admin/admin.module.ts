import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { InboxModule } from '../inbox/inbox.module';
import { ConsumerStateController } from './consumer-state.controller';
import { FaultInjectionController } from './fault-injection.controller';
import { RecentFailuresController } from './recent-failures.controller';

/** Operators' endpoints beside the dead letters: the consumer's state, recent failures, fault injection. */
@Module({
  imports: [AccessModule, InboxModule, DeadLettersModule],
  controllers: [ConsumerStateController, FaultInjectionController, RecentFailuresController],
})
export class AdminModule {}
