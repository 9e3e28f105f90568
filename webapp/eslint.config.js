import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
    {ignores: ['dist/', 'node_modules/', 'coverage/']},
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // A leading underscore marks a parameter kept for its position in a signature.
            '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
        },
    },
    {
        files: ['src/**/*.{ts,tsx}'],
        languageOptions: {globals: {...globals.browser}},
        plugins: {'react-hooks': reactHooks},
        rules: {
            ...reactHooks.configs.recommended.rules,
            eqeqeq: ['error', 'always'],
            'no-console': 'error',
        },
    },
    {
        files: ['*.js', '*.ts', 'e2e/**/*.mjs'],
        languageOptions: {globals: {...globals.node}},
    },
);
