'use strict';
// The cold-start child of `npm run bench`: plain node, no loader. Requires each file or
// package named on the command line, then prints one JSON line: milliseconds since node
// started (performance.now() counts from the process's time origin) and CPU time, i.e.
// what a Lambda init spends before the handler can run.
for (const file of process.argv.slice(2)) require(file);
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
