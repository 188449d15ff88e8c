/**
 * Input items of the one-request-per-item rows: 2,000, as for the bulk removes and adds. For a quicker local run
 * while working on the matrix, `FAULTS_PER_ITEM=200 npx jest test/faults` runs the same schedule across fewer
 * items (the schedule needs at least 20); `npm test` and CI always run the full size.
 */
export const PER_ITEM = Number(process.env.FAULTS_PER_ITEM || 2_000);
