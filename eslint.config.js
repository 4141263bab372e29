// Lint: typescript-eslint's type-aware recommended rules over src/ and test/; formatting is Prettier's.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'reports/',
      'test/fixtures/',
      'test/bench/**/*.js',
      'scripts/*.mjs',
      'bin/',
      'eslint.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // vitest.config.ts sits outside tsconfig.json's include: the project service lints it on its own.
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
);
