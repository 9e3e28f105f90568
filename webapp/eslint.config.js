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
        files: ['*.js', '*.ts'],
        languageOptions: {globals: {...globals.node}},
    },
    {
        // The e2e scripts run in Node but hand some functions to the browser page.
        files: ['e2e/**/*.mjs'],
        languageOptions: {globals: {...globals.node, ...globals.browser}},
    },
);
