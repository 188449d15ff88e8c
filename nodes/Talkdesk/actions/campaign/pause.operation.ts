import { statusOperation } from './status';

/** Stops dialing new records; the campaign can be started again. */
export const { description, execute } = statusOperation('pause', 'paused');
