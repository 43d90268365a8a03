import { Injectable } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { checkToken, TokenCheck } from './check-token';

/** Who may read the inbox: anyone while INBOX_TOKEN is unset, else whoever presents it. */
@Injectable()
export class InboxAccess {
  private readonly token?: string;

  constructor(env: ClientBEnvironment) {
    this.token = env.INBOX_TOKEN;
  }

  check(presented: string | undefined): TokenCheck {
    return checkToken(this.token, presented);
  }
}
