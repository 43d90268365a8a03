import { FailedRecord } from './failed-record';

/** Hears of records once they are safely on the dead-letter topic. */
export type DeadLetteredListener = (records: readonly FailedRecord[]) => void | Promise<void>;
