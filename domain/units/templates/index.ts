export * from './admin-units';
export * from './province';
export * from './national';
export * from './commune';
