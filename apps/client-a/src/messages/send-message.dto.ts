import { CLIENT_ADDRESS_MAX_LENGTH, CLIENT_ADDRESS_PATTERN } from '@app/contracts';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

const ADDRESS_RULE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/**
 * Body of POST /send-message. Unknown fields are refused by the global
 * validation pipe; `IsString` refuses objects and arrays, so no `$` operator
 * can reach MongoDB. The message's length limit is MessageLengthPipe's.
 */
export class SendMessageDto {
  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN, { message: `from ${ADDRESS_RULE}` })
  from: string;

  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN, { message: `to ${ADDRESS_RULE}` })
  to: string;

  @IsString()
  @IsNotEmpty()
  message: string;
}
