import { rangeText } from '../../../common/descriptions';
import { titledOptions } from '../../../common/nodeDescription';
import { RANGES } from '../shared';

export const PHONE_TYPES = titledOptions(['EXTRA_1', 'EXTRA_2', 'EXTRA_3', 'HOME', 'MOBILE', 'OFFICE']);

/** What to do about each per-record error code Talkdesk documents for bulk record requests. */
const RECORD_ERROR_HINTS: Record<string, string> = {
	PHONE_NUMBER_INVALID: 'Talkdesk refused the phone number: check that it is a real, dialable number.',
	PHONE_NUMBER_MISSING: 'The record has no phone number.',
	PHONE_NUMBER_NOT_UNIQUE: 'This phone number is already in the record list.',
	FIRST_NAME_INVALID: 'First Name must be 1 to 80 characters.',
	FIRST_NAME_MISSING: 'First Name is required.',
	LAST_NAME_INVALID: 'Last Name must be 1 to 80 characters.',
	LAST_NAME_MISSING: 'Last Name is required.',
	TIMEZONE_INVALID: 'Use an IANA time zone such as America/New_York.',
	TIMEZONE_MISSING: 'Talkdesk needs a time zone for this record: set Time Zone.',
	TIMEZONE_UNMATCHED: "The time zone does not match the phone number's country.",
	PRIORITY_INVALID: `Priority must be a whole number from ${rangeText(RANGES.priority, ' to ')}.`,
	EXTERNAL_REF_MISSING: 'External ID and External Provider must be given together.',
	REQUIRED_FIELDS: 'A required field is missing.',
	RECORD_NOT_FOUND: 'No such record in this record list.',
	OTHER: 'Talkdesk gave no detail for this record.',
};

export function recordErrorHint(code: string): string {
	return RECORD_ERROR_HINTS[code] ?? `Talkdesk error code ${code}.`;
}
