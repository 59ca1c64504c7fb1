/**
 * Prebuilds the Temporal workflow bundle (webpack, once, at image build time) so that worker replicas start
 * without bundling: less start-up time and no webpack in the worker's memory. The worker loads it when
 * DONDOC_WORKFLOW_BUNDLE points at the file (see worker/main.ts and docs/running-at-scale.md).
 *
 *   npx tsx scripts/bundle-workflows.ts [out]          # from sources
 *   node dist/scripts/bundle-workflows.js [out]        # from the compiled tree (the Dockerfile does this)
 *
 * `out` defaults to dist/workflow-bundle.js. The bundle must be built with the same @temporalio/* version
 * the worker runs, which is guaranteed when both come from the same image.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { REPO_ROOT } from '../config/settings';
import { workflowBundleOptions } from '../worker/tuning';

export async function bundleWorkflows(out: string): Promise<{ out: string; bytes: number }> {
  // Resolves to workflows/index.ts under tsx and to dist/workflows/index.js when compiled.
  const workflowsPath = require.resolve('../workflows');
  const { code } = await bundleWorkflowCode(workflowBundleOptions(workflowsPath));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, out);
  return { out, bytes: Buffer.byteLength(code) };
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'dist', 'workflow-bundle.js'));
  bundleWorkflows(out).then(
    ({ bytes }) => process.stdout.write(`bundle-workflows: wrote ${out} (${(bytes / 1024).toFixed(0)} KiB)\n`),
    (err: unknown) => {
      process.stderr.write(`bundle-workflows: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
