// Preloaded by the load benchmark when PROFILE_DIR is set (NODE_OPTIONS=--import, which allows this
// where it refuses --cpu-prof): profiles the process from the first SIGUSR2 (the benchmark sends it
// after its warm-up, so start-up's compiling is left out) and writes a .cpuprofile when it exits.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  let started = false;
  process.on('SIGUSR2', () => {
    if (started) return;
    started = true;
    session.post('Profiler.start');
  });
  process.on('exit', () => {
    if (!started) return;
    // An in-process session answers synchronously, so the profile is written before the process ends.
    session.post('Profiler.stop', (err, { profile }) => {
      if (!err) writeFileSync(join(dir, `${process.env.DATABASE_SCHEMA ?? 'node'}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    });
  });
}
