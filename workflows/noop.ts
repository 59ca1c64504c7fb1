/** Does nothing: the baseline that benchmarks compare workflow start rates against. */
export async function noopWorkflow(): Promise<void> {}
