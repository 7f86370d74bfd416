export { memberDirectory, mergeDataScopes } from './directory.ts';
