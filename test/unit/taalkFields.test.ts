import { taalkFieldName } from '../../nodes/Taalk/actions/shared';

describe('Taalk custom field names', () => {
	it('adds the Taalk_ prefix to bare names and keeps correct ones', () => {
		expect(taalkFieldName('City')).toBe('Taalk_City');
		expect(taalkFieldName('vehicle_year')).toBe('Taalk_vehicle_year');
		expect(taalkFieldName('Taalk_VIN')).toBe('Taalk_VIN');
	});
	it.each([
		['taalk_city', 'Taalk_city'],
		['TAALK_City', 'Taalk_City'],
		['TaAlK_Zip', 'Taalk_Zip'],
	])('rejects %p and names the right form %p', (wrong, right) => {
		expect(() => taalkFieldName(wrong)).toThrow(/wrong case/);
		try {
			taalkFieldName(wrong);
		} catch (error) {
			expect((error as { hint: string }).hint).toContain(right);
		}
	});
	it.each(['Taalk_', 'my field', '', '$city'])('rejects unusable name %p', (name) => {
		expect(() => taalkFieldName(name)).toThrow();
	});
});
