import {act, render, screen, waitFor} from '@testing-library/react';
import React from 'react';
import {beforeAll, describe, expect, it, vi} from 'vitest';

import {fakeFetch} from './components/testkit';
import type {HostState, HostStore, PluginRegistry} from './mattermost';

interface Captured {
    postTypes?: string[];
    rhs?: {component: React.ComponentType; title: React.ReactNode};
    sockets?: Record<string, (msg: unknown) => void>;
    header?: {icon: React.ReactNode; action: () => void; dropdownText: React.ReactNode; tooltipText: React.ReactNode};
}

// A redux-like store holding just what the plugin reads.
function makeStore(locale: string) {
    let state: HostState = {
        entities: {
            users: {currentUserId: 'u1', profiles: {u1: {locale}}},
            teams: {currentTeamId: 't1', teams: {t1: {name: 'shop'}}},
        },
    };
    const listeners = new Set<() => void>();
    const dispatch = vi.fn();
    const store: HostStore = {
        getState: () => state,
        subscribe: (l) => {
            listeners.add(l);
            return () => listeners.delete(l);
        },
        dispatch,
    };
    const setLocale = (next: string) => {
        state = {entities: {...state.entities, users: {currentUserId: 'u1', profiles: {u1: {locale: next}}}}};
        listeners.forEach((l) => l());
    };
    return {store, dispatch, setLocale};
}

function fakeRegistry(captured: Captured): PluginRegistry {
    return {
        registerRightHandSidebarComponent: (component, title) => {
            captured.rhs = {component, title};
            return {id: 'rhs1', showRHSPlugin: 'show', hideRHSPlugin: 'hide', toggleRHSPlugin: {type: 'TOGGLE', id: 'rhs1'}};
        },
        registerChannelHeaderButtonAction: (icon, action, dropdownText, tooltipText) => {
            captured.header = {icon, action, dropdownText, tooltipText};
            return 'hdr1';
        },
        registerWebSocketEventHandler: (event, handler) => {
            captured.sockets = {...captured.sockets, [event]: handler};
        },
        registerPostTypeComponent: (type) => {
            captured.postTypes = [...(captured.postTypes ?? []), type];
            return type;
        },
    };
}

let registered: {id: string; plugin: {initialize: (r: PluginRegistry, s: HostStore) => void}} | undefined;

beforeAll(async () => {
    window.registerPlugin = (id, plugin) => {
        registered = {id, plugin: plugin as never};
    };
    await import('./index');
});

describe('plugin entry', () => {
    it('registers itself under the id concierge', () => {
        expect(registered?.id).toBe('concierge');
    });

    it('registers an RHS and a channel header button that toggles it', () => {
        const captured: Captured = {};
        const {store, dispatch} = makeStore('en');
        registered!.plugin.initialize(fakeRegistry(captured), store);

        expect(captured.rhs).toBeDefined();
        expect(captured.header).toBeDefined();
        captured.header!.action();
        expect(dispatch).toHaveBeenCalledWith({type: 'TOGGLE', id: 'rhs1'});
    });

    it('registers the card component for every card type and for streamed replies', () => {
        const captured: Captured = {};
        registered!.plugin.initialize(fakeRegistry(captured), makeStore('en').store);
        expect(captured.postTypes).toEqual(expect.arrayContaining([
            'custom_concierge_price', 'custom_concierge_refund', 'custom_concierge_csat', 'custom_concierge_reply',
        ]));
    });

    it('renders the RHS against the plugin API with the user locale, following locale changes', async () => {
        vi.stubGlobal('fetch', fakeFetch());
        const captured: Captured = {};
        const {store, setLocale} = makeStore('zh-CN');
        registered!.plugin.initialize(fakeRegistry(captured), store);

        const RHS = captured.rhs!.component;
        render(<div><RHS/><span data-testid='title'>{captured.rhs!.title}</span><span data-testid='tooltip'>{captured.header!.tooltipText}</span></div>);
        await screen.findByRole('tab', {name: '等待人工'});
        expect(screen.getByTestId('title').textContent).toBe('智能客服');
        expect(screen.getByTestId('tooltip').textContent).toBe('打开智能客服工作台');

        const calls = (globalThis.fetch as ReturnType<typeof fakeFetch>).mock.calls;
        expect(calls.map(([url]) => new URL(url).pathname)).toContain('/plugins/concierge/api/v1/conversations');
        expect(calls[0][1]?.credentials).toBe('include');

        // The channel link uses the current team from the store.
        expect((await screen.findByRole('link', {name: '打开与 bob 的频道'})).getAttribute('href')).toMatch(/\/shop\/channels\/ch2$/);

        act(() => setLocale('en'));
        await waitFor(() => expect(screen.getByTestId('title').textContent).toBe('Concierge'));
        expect(screen.getByRole('tab', {name: 'Waiting for staff'})).toBeTruthy();
        vi.unstubAllGlobals();
    });

    it('reloads the FAQ proposals when the server announces one, without a refresh', async () => {
        vi.stubGlobal('fetch', fakeFetch());
        const captured: Captured = {};
        registered!.plugin.initialize(fakeRegistry(captured), makeStore('en').store);
        const RHS = captured.rhs!.component;
        render(<RHS/>);
        await screen.findByTestId('faq-proposals');
        const calls = (globalThis.fetch as ReturnType<typeof fakeFetch>).mock.calls;
        const lists = () => calls.filter(([url]) => new URL(url).pathname.endsWith('/faq/proposals')).length;
        const before = lists();
        expect(Object.keys(captured.sockets ?? {})).toEqual(['custom_concierge_conversation', 'custom_concierge_faq']);
        act(() => captured.sockets!.custom_concierge_faq({event: 'custom_concierge_faq', data: {proposal_id: 'f9', event: 'proposed'}}));
        await waitFor(() => expect(lists()).toBe(before + 1));
        vi.unstubAllGlobals();
    });
});
