export * from './schemas';
export * from './commands';
export * from './assignment';
export * from './seal';
export * from './hash';
export * from './subjects';
export * from './deciders';
