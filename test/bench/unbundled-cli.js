// The CLI from tsc's dist/, module by module, where bin/ttlsim.js loads the bundle (scripts/bundle.mjs): a
// CPU profile of it names each function's own file, which profile-share.js counts samples by.
import { main } from '../../dist/cli/main.js';

const code = await main(process.argv.slice(2));
if (!process.exitCode) process.exitCode = code;
