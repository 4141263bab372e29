#!/usr/bin/env bash
# npm run lint: ESLint (typescript-eslint, type-aware) and Prettier's check, both with caches under
# node_modules/.cache. ESLint's cache is keyed on each file's content, but a type-aware rule's verdict on a
# file can change when another file's types do: the whole cache is dropped whenever any source or config
# changes, so a warm run skips only when nothing did.
set -uo pipefail
cache=node_modules/.cache/ttlsim
mkdir -p "$cache"
key=$(git ls-files -z --cached --others --exclude-standard -- '*.ts' '*.js' 'tsconfig*.json' package-lock.json \
  eslint.config.js | xargs -0 sha1sum 2>/dev/null | sha1sum)
if [ "$(cat "$cache/eslint.key" 2>/dev/null)" != "$key" ]; then
  rm -f "$cache/eslint.cache"
fi
npx eslint --cache --cache-strategy content --cache-location "$cache/eslint.cache" .
eslint=$?
[ $eslint = 0 ] && echo "$key" > "$cache/eslint.key"
npx prettier --check --cache --cache-location "$cache/prettier" --log-level warn .
prettier=$?
[ $eslint = 0 ] && [ $prettier = 0 ]
