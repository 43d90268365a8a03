export * from './validate-environment';
export * from './environment.transforms';
export * from './service.environment';
export * from './environment.module';
export * from './config.constants';
export * from './ca-certificates';
export * from './kafka-timeouts';
export * from './mongodb-uri-problem';
