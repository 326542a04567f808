export * from './feeds';
export * from './records';
export * from './time';
