import {cleanup, configure} from '@testing-library/react';
import {afterEach} from 'vitest';

// The default 1 s for findBy/waitFor is too short on a loaded 2-core CI machine, where jsdom
// renders slowly; a real failure still fails, only later.
configure({asyncUtilTimeout: 5000});

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(() => {
    cleanup();
});
