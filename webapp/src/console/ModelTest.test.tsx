import {fireEvent, render, screen} from '@testing-library/react';
import React from 'react';
import {describe, expect, it} from 'vitest';

import ModelTest from './ModelTest';
import {fakeConsole} from './testkit';
import type {ModelCheck} from './types';

function run(model: ModelCheck, locale: 'en' | 'zh-CN' = 'en') {
    const {api, fetch} = fakeConsole({model});
    render(<ModelTest api={api} locale={locale}/>);
    fireEvent.click(screen.getByRole('button'));
    return fetch;
}

describe('ModelTest', () => {
    it('posts once and shows the model and its latency', async () => {
        const fetch = run({configured: true, ok: true, model: 'qwen-max', latency_ms: 1234});
        expect((await screen.findByRole('status')).textContent).toBe('The model qwen-max answered in 1,234 ms.');
        expect(fetch).toHaveBeenCalledTimes(1);
        const [url, init] = fetch.mock.calls[0];
        expect(url).toBe('http://mm.test/plugins/concierge/api/v1/model/test');
        expect(init?.method).toBe('POST');
        expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok123');
    });

    it('explains a refused key with the HTTP status', async () => {
        run({configured: true, ok: false, model: 'm', latency_ms: 80, kind: 'auth', status: 401, message: 'invalid api key'});
        const failure = await screen.findByTestId('concierge-model-failure');
        expect(failure.textContent).toContain('did not answer (auth) after 80 ms');
        expect(failure.textContent).toContain('The API key was refused.');
        expect(failure.textContent).toContain('HTTP status 401.');
    });

    it('says there is nothing to test in offline mode', async () => {
        run({configured: false, ok: false, latency_ms: 0}, 'zh-CN');
        expect((await screen.findByRole('status')).textContent).toContain('离线模式');
    });
});
