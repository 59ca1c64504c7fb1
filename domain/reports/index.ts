export * from './period';
export * from './lines';
export * from './grid';
export * from './par-index';
export * from './report';
export * from './heading';
