import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';

import {render, screen} from '@testing-library/react';
import React from 'react';
import {describe, expect, it, vi} from 'vitest';

import {ConciergeClient} from '../api/client';
import type {HostState, HostStore} from '../mattermost';

import {CONSOLE_SETTINGS, registerConsole} from './register';

function store(locale: string): HostStore {
    const state: HostState = {entities: {users: {currentUserId: 'u1', profiles: {u1: {locale}}}}};
    return {getState: () => state, subscribe: () => () => undefined, dispatch: vi.fn()};
}

function client() {
    const fetch = vi.fn(async () => new Response(JSON.stringify({configured: false, ok: false, latency_ms: 0}), {status: 200}));
    return new ConciergeClient({baseUrl: 'http://mm.test', fetch, cookies: () => ''});
}

describe('registerConsole', () => {
    it('registers one page for every custom setting of plugin.json, and no other', () => {
        const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../plugin.json'), 'utf8')) as {
            settings_schema: {settings: Array<{key: string; type: string}>};
        };
        const customKeys = manifest.settings_schema.settings.filter((s) => s.type === 'custom').map((s) => s.key).sort();
        const registered: string[] = [];
        registerConsole({registerAdminConsoleCustomSetting: (key) => registered.push(key)}, store('en'), client());
        expect(registered.sort()).toEqual(customKeys);
        expect(customKeys).toEqual(Object.values(CONSOLE_SETTINGS).sort());
    });

    it('renders a page in the user\'s language', () => {
        const pages: Record<string, React.ComponentType<unknown>> = {};
        registerConsole({registerAdminConsoleCustomSetting: (key, component) => {
            pages[key] = component;
        }}, store('zh_CN'), client());
        const Model = pages[CONSOLE_SETTINGS.model];
        render(<Model/>);
        expect(screen.getByRole('button', {name: '测试大模型连接'})).toBeTruthy();
    });

    it('registers nothing on a host without System Console hooks', () => {
        expect(() => registerConsole({}, store('en'), client())).not.toThrow();
    });
});
