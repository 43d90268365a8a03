import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { messagingTopics } from '@app/contracts';
import { MESSAGING_TOPICS } from './config.constants';
import { ServiceEnvironment } from './service.environment';
import { createEnvironmentValidator } from './validate-environment';

/**
 * Validates a service's environment once at boot through @nestjs/config
 * (a bad value stops the service, naming the variable) and provides the typed
 * result under its own class and under {@link ServiceEnvironment}, with the
 * service's topic names.
 */
@Module({})
export class EnvironmentModule {
  static forRoot<T extends ServiceEnvironment>(environmentClass: new () => T): DynamicModule {
    const validate = createEnvironmentValidator(environmentClass);
    return {
      module: EnvironmentModule,
      global: true,
      imports: [ConfigModule.forRoot({ cache: true, validate })],
      providers: [
        // ConfigModule has loaded any .env file into process.env by the time this runs.
        { provide: environmentClass, useFactory: () => validate(process.env) },
        { provide: ServiceEnvironment, useExisting: environmentClass },
        {
          provide: MESSAGING_TOPICS,
          useFactory: (env: ServiceEnvironment) => messagingTopics(env.KAFKA_TOPIC_NAMESPACE),
          inject: [ServiceEnvironment],
        },
      ],
      exports: [environmentClass, ServiceEnvironment, MESSAGING_TOPICS],
    };
  }
}
