/**
 * Input items of the one-request-per-item rows. Every request costs ~3 ms in the in-process n8n, and every
 * idempotent row spends ~4 s waiting out backoffs and the hung request, so each provider has one such row at
 * full size (2,000 items) and the others run the same schedule across 200 items.
 */
export const PER_ITEM = { full: 2_000, scaled: 200 };
