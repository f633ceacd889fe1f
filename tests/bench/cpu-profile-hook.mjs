// Preloaded by the load benchmark when PROFILE_DIR is set (NODE_OPTIONS=--import, which allows this
// where it refuses --cpu-prof): profiles the whole process and writes a .cpuprofile when it exits.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // An in-process session answers synchronously, so the profile is written before the process ends.
    session.post('Profiler.stop', (err, { profile }) => {
      if (!err) writeFileSync(join(dir, `${process.env.DATABASE_SCHEMA ?? 'node'}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    });
  });
}
