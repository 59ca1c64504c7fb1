import fs from 'node:fs';
import type { ManagedProcess } from '../../stack/processes';

/** Stops the servers started by global-setup and removes their throw-away stores. */
export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as { __dondocServers?: ManagedProcess[] }).__dondocServers ?? [];
  await Promise.all(servers.map((s) => s.stop(5_000)));
  const dir = process.env.DONDOC_TEST_DIR;
  if (dir && !process.env.DONDOC_KEEP_TEST_DIR) fs.rmSync(dir, { recursive: true, force: true });
}
