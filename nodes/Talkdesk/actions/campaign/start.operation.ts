import { statusOperation } from './status';

/** Starts dialing the campaign's records (it must be Ready or Paused: have a record list attached). */
export const { description, execute } = statusOperation('start', 'running');
