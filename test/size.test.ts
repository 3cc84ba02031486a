import { expect, test } from 'vitest';
// @ts-expect-error a plain .mjs script shared with the benchmark
import { BUDGETS, measureBuilds } from '../scripts/sizes.mjs';

test('every published browser build fits its gzip budget', async () => {
  const sizes: Record<string, { raw: number; gzip: number }> = await measureBuilds();
  const report = Object.entries(BUDGETS as Record<string, number>).map(([name, budget]) => ({ name, gzip: sizes[name]!.gzip, budget }));
  console.log(report.map((r) => `${r.name}: ${r.gzip} B gzip -9 (budget ${r.budget} B)`).join('\n'));
  for (const { name, gzip, budget } of report) expect(gzip, `${name} is ${gzip} B gzip, over its ${budget} B budget`).toBeLessThanOrEqual(budget);
});
