import { ServiceEnvironment } from '@app/config';

/** Everything client-a reads from the environment, validated once at boot. */
export class ClientAEnvironment extends ServiceEnvironment {
  override PORT = 3000;
  override KAFKA_CLIENT_ID = 'client-a';
}
