import type { INodePropertyOptions } from 'n8n-workflow';

/** Dropdown options A to Z by their label. */
export const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/**
 * What a resource locator's list search keeps: names that contain the text typed into its search box, in any case
 * (every name when nothing is typed).
 */
export function nameFilter(filter: string | undefined): (name: string) => boolean {
	const needle = filter?.trim().toLowerCase();
	return (name) => !needle || name.toLowerCase().includes(needle);
}
