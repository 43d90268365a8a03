import { LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's log levels from LOG_LEVEL: that level and every more severe one. */
export function logLevelsFrom(level: 'debug' | 'log' | 'warn' | 'error'): LogLevel[] {
  return ORDER.slice(0, ORDER.indexOf(level) + 1);
}
