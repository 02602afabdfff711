import { s3DataEventsCheck } from '../lib/s3-data-events.ts';

export default s3DataEventsCheck('write');
