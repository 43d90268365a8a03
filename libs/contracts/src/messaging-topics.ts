/** The topic client-a produces to and client-b consumes. */
export const CLIENT_MESSAGES_TOPIC = 'client-messages';
/** Where client-b parks a failed record until its retry is due. */
export const CLIENT_MESSAGES_RETRY_TOPIC = 'client-messages-retry';
/** Where a record ends after its last retry, or at once when it can never succeed. */
export const CLIENT_MESSAGES_DLT_TOPIC = 'client-messages-dlt';
/** Delivery receipts: client-b says what became of each message, keyed by messageId. */
export const CLIENT_MESSAGES_STATUS_TOPIC = 'client-messages-status';
/** The consumer group client-b commits its offsets under. */
export const CLIENT_B_GROUP_ID = 'client-b-group';
/** The consumer group client-a reads delivery receipts in. */
export const CLIENT_A_RECEIPTS_GROUP_ID = 'client-a-receipts';

/** The topics of one messaging deployment. */
export interface MessagingTopics {
  readonly messages: string;
  readonly retry: string;
  readonly deadLetter: string;
  /** Delivery receipts, client-b to client-a. */
  readonly status: string;
}

/**
 * Topic names with an optional namespace prefix, so that tests (and several
 * environments sharing one cluster) never read each other's records.
 */
export function messagingTopics(namespace = ''): MessagingTopics {
  return {
    messages: `${namespace}${CLIENT_MESSAGES_TOPIC}`,
    retry: `${namespace}${CLIENT_MESSAGES_RETRY_TOPIC}`,
    deadLetter: `${namespace}${CLIENT_MESSAGES_DLT_TOPIC}`,
    status: `${namespace}${CLIENT_MESSAGES_STATUS_TOPIC}`,
  };
}
