import { createHmac } from 'crypto';

import { bodyToItems, secretsEqual, signatureMatches } from '../../nodes/common/webhook';

describe('webhook helpers', () => {
	const body = Buffer.from('{"event":"call.ended","id":"c1"}');
	const hex = createHmac('sha256', 'topsecret').update(body).digest('hex');
	const b64 = createHmac('sha256', 'topsecret').update(body).digest('base64');

	it('accepts a correct signature in hex or base64, with or without the prefix', () => {
		expect(signatureMatches('topsecret', body, hex)).toBe(true);
		expect(signatureMatches('topsecret', body, hex.toUpperCase())).toBe(true);
		expect(signatureMatches('topsecret', body, b64)).toBe(true);
		expect(signatureMatches('topsecret', body, `sha256=${hex}`, { prefix: 'sha256=' })).toBe(true);
	});

	it('rejects a wrong, missing or truncated signature, or a changed body', () => {
		expect(signatureMatches('other', body, hex)).toBe(false);
		expect(signatureMatches('topsecret', body, undefined)).toBe(false);
		expect(signatureMatches('topsecret', body, hex.slice(0, 20))).toBe(false);
		expect(signatureMatches('topsecret', Buffer.from('{"event":"call.ended","id":"c2"}'), hex)).toBe(false);
		expect(signatureMatches('', body, hex)).toBe(false);
	});

	it('compares secrets exactly', () => {
		expect(secretsEqual('abc', 'abc')).toBe(true);
		expect(secretsEqual('abc', 'abd')).toBe(false);
		expect(secretsEqual('abc', 'abcd')).toBe(false);
		expect(secretsEqual('abc', undefined)).toBe(false);
		expect(secretsEqual('', '')).toBe(false);
	});

	it('turns a body into items', () => {
		expect(bodyToItems({ a: 1 })).toEqual([{ a: 1 }]);
		expect(bodyToItems([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
		expect(bodyToItems('x')).toEqual([{ body: 'x' }]);
	});
});
