import { RequestValidationError } from '@app/http';
import { ClientAEnvironment } from '../config/client-a.environment';
import { MessageLengthPipe } from './message-length.pipe';
import { SendMessageDto } from './send-message.dto';

function pipeWithLimit(limit: number): MessageLengthPipe {
  return new MessageLengthPipe(Object.assign(new ClientAEnvironment(), { MESSAGE_MAX_LENGTH: limit }));
}

const dto = (message: string): SendMessageDto => ({ from: 'clientA', to: 'clientB', message });

describe(MessageLengthPipe.name, () => {
  it.each([
    { label: 'shorter than the limit', message: 'abc' },
    { label: 'exactly at the limit', message: 'abcde' },
    { label: 'five emoji (ten UTF-16 units)', message: '😀😀😀😀😀' },
  ])('should pass the body through when the message is $label', ({ message }) => {
    expect(pipeWithLimit(5).transform(dto(message))).toEqual(dto(message));
  });

  it.each([
    { label: 'one character over', message: 'abcdef' },
    { label: 'six emoji', message: '😀😀😀😀😀😀' },
  ])('should refuse naming the field and the limit when the message is $label', ({ message }) => {
    // Act
    const act = () => pipeWithLimit(5).transform(dto(message));

    // Assert
    expect(act).toThrow(RequestValidationError);
    try {
      act();
    } catch (error) {
      expect((error as RequestValidationError).fields).toEqual([
        { field: 'message', reasons: ['message must be at most 5 characters'] },
      ]);
    }
  });
});
