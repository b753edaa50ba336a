import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['lib/**', 'src/abi/**', 'src/model/generated/**', 'db/migrations/**', 'contracts/out/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // benchmark scripts are plain CommonJS that load the built lib/
    files: ['bench/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
