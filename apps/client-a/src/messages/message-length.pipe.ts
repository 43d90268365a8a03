import { RequestValidationError } from '@app/http';
import { Injectable, PipeTransform } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { SendMessageDto } from './send-message.dto';

/**
 * Enforces MESSAGE_MAX_LENGTH, which is configured at boot and so cannot be a
 * decorator argument. Runs after the global validation pipe.
 */
@Injectable()
export class MessageLengthPipe implements PipeTransform<SendMessageDto, SendMessageDto> {
  private readonly maxLength: number;

  constructor(env: ClientAEnvironment) {
    this.maxLength = env.MESSAGE_MAX_LENGTH;
  }

  transform(dto: SendMessageDto): SendMessageDto {
    // Code points, as class-validator's MaxLength counts them on client-b's side.
    if ([...dto.message].length <= this.maxLength) return dto;
    throw new RequestValidationError([
      { field: 'message', reasons: [`message must be at most ${this.maxLength} characters`] },
    ]);
  }
}
