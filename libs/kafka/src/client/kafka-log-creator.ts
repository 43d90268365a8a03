import { Logger } from '@nestjs/common';
import { logLevel, LogEntry } from 'kafkajs';

/** Routes kafkajs' own log lines into Nest's logger, so there is one log format. */
export function kafkaLogCreator() {
  const logger = new Logger('KafkaJS');
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const line = `${message} ${JSON.stringify(extra)}`;
      if (level === logLevel.ERROR) logger.error(line);
      else if (level === logLevel.WARN) logger.warn(line);
      else if (level === logLevel.INFO) logger.log(line);
      else logger.debug(line);
    };
}
