import { ServiceEnvironment } from '@app/config';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseConnector } from './database.connector';
import { DatabaseHealth, DatabasePing } from './database.health';
import { IndexProvisioner } from './schema-indexes';
import { mongooseOptionsFromEnvironment } from './mongoose-options.factory';

/**
 * The MongoDB connection of a service, configured from its validated
 * environment, the ping and the readiness check on it, and the start-up steps
 * that open it and create the models' indexes. Models are registered by each feature with
 * `MongooseModule.forFeature`.
 */
@Global()
@Module({})
export class MongoModule {
  static forRoot(): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRootAsync({ useFactory: mongooseOptionsFromEnvironment, inject: [ServiceEnvironment] }),
        TerminusModule,
      ],
      providers: [DatabaseConnector, DatabasePing, DatabaseHealth, IndexProvisioner],
      exports: [DatabaseConnector, DatabasePing, DatabaseHealth, IndexProvisioner],
    };
  }
}
