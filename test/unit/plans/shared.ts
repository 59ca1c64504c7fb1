import path from 'node:path';

/** The seed and corpus plans, vendored in test/fixtures/shared (or DONDOC_SHARED_DIR). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, 'test', 'fixtures', 'shared');
