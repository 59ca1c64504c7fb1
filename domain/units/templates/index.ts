export * from './admin-units';
export * from './province';
export * from './national';
export * from './classes';
export * from './commune';
