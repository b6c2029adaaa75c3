// Every property test draws from one fixed seed: the same run, the same cases, so a red
// run can be repeated, and CI cannot go red on a case no one can reproduce.
import fc from 'fast-check';

fc.configureGlobal({ seed: 2026 });
