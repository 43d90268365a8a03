import {
  CLIENT_MESSAGES_DLT_TOPIC,
  CLIENT_MESSAGES_RETRY_TOPIC,
  CLIENT_MESSAGES_STATUS_TOPIC,
  CLIENT_MESSAGES_TOPIC,
} from './topics.constants';

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
