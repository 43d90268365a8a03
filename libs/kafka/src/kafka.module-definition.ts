import { ConfigurableModuleBuilder } from '@nestjs/common';
import { KafkaModuleOptions } from './kafka-module-options.interface';

export const { ConfigurableModuleClass: ConfigurableKafkaModule, MODULE_OPTIONS_TOKEN: KAFKA_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<KafkaModuleOptions>()
    .setClassMethodName('register')
    // A service has one Kafka connection, shared by all its modules.
    .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();
