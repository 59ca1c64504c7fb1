// Appends `count` renames to a directory in the file store at `root`: one of several processes writing at once
// (test/unit/units/directory-file-store.unit.test.ts).
import { DirectoryStore } from '../../../services/directory-store';

const [root, unitId, tag, count] = process.argv.slice(2);
const store = new DirectoryStore(root!);
for (let i = 0; i < Number(count); i++)
  store.append('hcm-q1', { type: 'UnitRenamed', unitId: unitId!, name: `${tag} ${i}` }, `writer ${tag}`);
