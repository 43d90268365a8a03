/**
 * Most messages in one bulk write. Large enough that a burst is written in a
 * few rounds, small enough that one round stays a short transaction on the
 * database and far under MongoDB's 16 MB command limit (8 KiB messages).
 */
export const MAX_MESSAGES_PER_WRITE = 500;
