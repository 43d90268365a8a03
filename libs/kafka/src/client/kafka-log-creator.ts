import { Logger } from '@nestjs/common';
import { logLevel, LogEntry } from 'kafkajs';

/**
 * Routes kafkajs' own log lines into Nest's logger (the service's pino logger),
 * so there is one log format. Its fields go under `kafka`: some of its names
 * (its protocol's `correlationId`) mean something else in our lines.
 */
export function kafkaLogCreator() {
  const logger = new Logger('KafkaJS');
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      const line = { msg: message, kafka: { namespace, ...fields } };
      if (level === logLevel.ERROR) logger.error(line);
      else if (level === logLevel.WARN) logger.warn(line);
      else if (level === logLevel.INFO) logger.log(line);
      else logger.debug(line);
    };
}
