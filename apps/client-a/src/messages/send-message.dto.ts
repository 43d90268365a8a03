import { CLIENT_ADDRESS_MAX_LENGTH, CLIENT_ADDRESS_PATTERN, DEFAULT_MESSAGE_MAX_LENGTH } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

const ADDRESS_RULE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';
const ADDRESS_SCHEMA = { pattern: CLIENT_ADDRESS_PATTERN.source, minLength: 1, maxLength: CLIENT_ADDRESS_MAX_LENGTH };

/**
 * Body of POST /send-message. Unknown fields are refused by the global
 * validation pipe; `IsString` refuses objects and arrays, so no `$` operator
 * can reach MongoDB. The message's length limit is MessageLengthPipe's.
 */
export class SendMessageDto {
  @ApiProperty({ ...ADDRESS_SCHEMA, example: 'clientA', description: 'The sender' })
  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN, { message: `from ${ADDRESS_RULE}` })
  from: string;

  @ApiProperty({
    ...ADDRESS_SCHEMA,
    example: 'clientB',
    description: 'The recipient; client-b keeps the messages for clientB and ignores the others',
  })
  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN, { message: `to ${ADDRESS_RULE}` })
  to: string;

  @ApiProperty({
    minLength: 1,
    maxLength: DEFAULT_MESSAGE_MAX_LENGTH,
    example: 'Test success',
    description: `At most MESSAGE_MAX_LENGTH characters (Unicode code points; ${DEFAULT_MESSAGE_MAX_LENGTH} unless configured)`,
  })
  @IsString()
  @IsNotEmpty()
  message: string;
}
