/** DI token of the service's {@link MessagingTopics}, namespaced by KAFKA_TOPIC_NAMESPACE. */
export const MESSAGING_TOPICS = Symbol('MESSAGING_TOPICS');
