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
