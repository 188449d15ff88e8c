// The only place the package imports libphonenumber-js. `npm run build` (gulpfile.js) replaces the
// compiled copy of this file with a self-contained bundle, so dist ships one copy of the library and
// n8n has nothing to resolve at run time.
export { getCountryCallingCode, parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/max';
export { getCountries } from 'libphonenumber-js/max';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
