import { Module } from '@nestjs/common';
import { AdminGuard } from './admin.guard';
import { InboxAccess, InboxGuard } from './inbox.guard';

/** Who may do what: the admin token, the inbox token, and the guards that ask for them. */
@Module({
  providers: [InboxAccess, AdminGuard, InboxGuard],
  exports: [InboxAccess, AdminGuard, InboxGuard],
})
export class AccessModule {}
