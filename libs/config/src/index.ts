export * from './environment.module';
export * from './environment.decorators';
export * from './service.environment';
export * from './ca-certificates';
export * from './kafka-timeouts';
export * from './mongodb-uri-problem';
export * from './secret.decorator';
export * from './wait-for-dependency';
