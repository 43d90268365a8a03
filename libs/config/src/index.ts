export * from './validate-environment';
export * from './environment.transforms';
export * from './service.environment';
export * from './environment.module';
export * from './config.constants';
