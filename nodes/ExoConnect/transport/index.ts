export * from './answers';
export * from './errors';
export * from './feeds';
export * from './paginate';
export * from './request';
export * from './retry';
export * from './urls';
export * from './writeGate';
