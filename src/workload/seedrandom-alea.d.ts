// Types of seedrandom's Alea module on its own (seedrandom/lib/alea.js, the function `seedrandom.alea` is):
// workload/rng.ts imports it alone, so that a process does not load seedrandom's six other generators.
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: seedrandom['alea'];
  export default alea;
}
