// One process starting a run of `scan` on the store at argv[2], for the cross-process test; prints the state it got.
import { openStore } from '../../src/store/index.ts';
import { ownerNote } from '../../src/schedule/owner.ts';

const store = await openStore(process.argv[2]);
try {
  const { run } = await store.jobRuns.start({ job: 'scan', at: new Date(), note: ownerNote({ host: 'test', pid: process.pid }), abandoned: () => false });
  process.stdout.write(run.state);
} finally {
  await store.close();
}
