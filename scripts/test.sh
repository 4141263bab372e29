#!/usr/bin/env bash
# npm test: build dist/ (the CLI tests run bin/ttlsim.js), then the tests, with the type check and the lint
# running beside them; fails if any of the three does.
set -uo pipefail
npm run -s build || exit 1
{ npm run -s typecheck && bash scripts/lint.sh; } &
checks=$!
npx vitest run
tests=$?
wait $checks
checked=$?
[ $checked = 0 ] || echo 'npm test: the type check or the lint failed (see above)' >&2
[ $tests = 0 ] && [ $checked = 0 ]
