import path from 'node:path';

/** The shared documents: ../shared beside the repo, or DONDOC_SHARED_DIR. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedDir = process.env['DONDOC_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
