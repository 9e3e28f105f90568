import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {describe, expect, it, vi} from 'vitest';

import {ConciergeClient} from '../api/client';

import ConciergeRHS from './ConciergeRHS';
import {fakeClient, type FakeServer} from './testkit';

function renderRHS(server: FakeServer = {}, props: Partial<React.ComponentProps<typeof ConciergeRHS>> = {}) {
    const {fetch, client} = fakeClient(server);
    const utils = render(
        <ConciergeRHS client={client} locale='en' siteURL='http://mm.test' teamName='shop' {...props}/>,
    );
    return {fetch, ...utils};
}

function customers(): string[] {
    return screen.queryAllByTestId('conversation-row').map((row) => row.querySelector('div > div')?.textContent ?? '');
}

describe('ConciergeRHS', () => {
    it('shows the outcome numbers from /stats', async () => {
        renderRHS();
        await waitFor(() => expect(screen.getByTestId('stat-handoff_rate').textContent).toContain('25%'));
        expect(screen.getByTestId('stat-conversations').textContent).toContain('40');
        expect(screen.getByTestId('stat-resolved_by_bot').textContent).toContain('30');
        expect(screen.getByTestId('stat-handed_off').textContent).toContain('10');
        expect(screen.getByTestId('stat-csat_avg').textContent).toContain('4.56');
    });

    it('shows a dash for a CSAT average nobody has rated yet', async () => {
        renderRHS({stats: {conversations: 0, resolved_by_bot: 0, handed_off: 0, handoff_rate: 0, csat_avg: null}});
        await waitFor(() => expect(screen.getByTestId('stat-csat_avg').textContent).toContain('—'));
        expect(screen.getByTestId('stat-handoff_rate').textContent).toContain('0%');
        expect(screen.getByTestId('stat-time_to_human').textContent).toContain('—');
    });

    it('shows the time to a person in minutes and the error counts', async () => {
        renderRHS({stats: {conversations: 2, resolved_by_bot: 1, handed_off: 1, handoff_rate: 0.5, csat_avg: 5, csat_count: 1,
            time_to_human_seconds: 90, tool_errors: 3, model_fallbacks: 2}});
        await waitFor(() => expect(screen.getByTestId('stat-time_to_human').textContent).toContain('1.5'));
        expect(screen.getByTestId('stat-csat_count').textContent).toContain('1');
        expect(screen.getByTestId('stat-tool_errors').textContent).toContain('3');
        expect(screen.getByTestId('stat-model_fallbacks').textContent).toContain('2');
    });

    it('opens on the waiting-for-staff tab, newest first, with links to the thread or channel', async () => {
        const {fetch} = renderRHS();
        await waitFor(() => expect(customers()).toEqual(['bob', 'alice']));
        expect(fetch.mock.calls.some(([url]) => url === 'http://mm.test/plugins/concierge/api/v1/conversations?state=waiting_human&per_page=50')).toBe(true);

        const alice = screen.getByRole('link', {name: 'Open the thread with alice'});
        expect(alice.getAttribute('href')).toBe('http://mm.test/_redirect/pl/root1');
        const bob = screen.getByRole('link', {name: 'Open the channel with bob'});
        expect(bob.getAttribute('href')).toBe('http://mm.test/shop/channels/ch2');
        expect(screen.getByRole('tab', {name: 'Waiting for staff'}).getAttribute('aria-selected')).toBe('true');
    });

    it('switches tabs and lists only that state', async () => {
        const {fetch} = renderRHS();
        await waitFor(() => expect(customers()).toEqual(['bob', 'alice']));

        fireEvent.click(screen.getByRole('tab', {name: 'Resolved'}));
        await waitFor(() => expect(customers()).toEqual(['dave']));
        expect(fetch.mock.calls.at(-1)?.[0]).toBe('http://mm.test/plugins/concierge/api/v1/conversations?state=resolved&per_page=50');
        expect(screen.getByRole('tab', {name: 'Resolved'}).getAttribute('aria-selected')).toBe('true');
        expect(screen.getByRole('tab', {name: 'Waiting for staff'}).getAttribute('aria-selected')).toBe('false');

        fireEvent.click(screen.getByRole('tab', {name: 'Staff handling'}));
        await waitFor(() => expect(customers()).toEqual(['carol']));
        fireEvent.click(screen.getByRole('tab', {name: 'Bot handling'}));
        await waitFor(() => expect(customers()).toEqual(['erin']));
    });

    it('filters by the tab even when the server ignores the state parameter', async () => {
        renderRHS({ignoreStateFilter: true});
        await waitFor(() => expect(customers()).toEqual(['bob', 'alice']));
        for (const row of screen.getAllByTestId('conversation-row')) {
            expect(row.getAttribute('data-state')).toBe('waiting_human');
        }
    });

    it('loads the next page on "Load more" until the last, keeping the rows shown', async () => {
        // 120 waiting conversations, one a minute: three pages of 50, 50 and 20.
        const many = Array.from({length: 120}, (_, i) => ({
            id: `w${i}`, customer: `cust${String(i).padStart(3, '0')}`, channel_id: `ch${i}`, root_id: `r${i}`,
            state: 'waiting_human' as const, updated_at: 1_800_000_000_000 - (i * 60_000),
        }));
        const {fetch} = renderRHS({conversations: many});
        await waitFor(() => expect(customers()).toHaveLength(50));
        expect(customers()[0]).toBe('cust000');

        fireEvent.click(screen.getByRole('button', {name: 'Load more'}));
        await waitFor(() => expect(customers()).toHaveLength(100));
        expect(fetch.mock.calls.at(-1)?.[0]).toBe('http://mm.test/plugins/concierge/api/v1/conversations?state=waiting_human&per_page=50&cursor=50');

        fireEvent.click(screen.getByRole('button', {name: 'Load more'}));
        await waitFor(() => expect(customers()).toHaveLength(120));
        expect(customers()).toEqual(many.map((c) => c.customer));
        expect(screen.queryByRole('button', {name: 'Load more'})).toBeNull();

        // A tab switch starts that tab from its first page.
        fireEvent.click(screen.getByRole('tab', {name: 'Resolved'}));
        await waitFor(() => expect(customers()).toEqual([]));
        expect(fetch.mock.calls.at(-1)?.[0]).toBe('http://mm.test/plugins/concierge/api/v1/conversations?state=resolved&per_page=50');
    });

    it('says so when a state has no conversations', async () => {
        renderRHS({conversations: []});
        expect(await screen.findByText('No conversations in this state.')).toBeTruthy();
    });

    it('shows a friendly staff-only message on 403, and no data', async () => {
        renderRHS({status: 403});
        const alert = await screen.findByTestId('access-denied');
        expect(alert.textContent).toMatch(/for shop staff only/);
        expect(alert.getAttribute('data-status')).toBe('403');
        expect(screen.queryByRole('tablist')).toBeNull();
        expect(screen.queryByTestId('stat-conversations')).toBeNull();
    });

    it('shows neither tabs nor data until the server has said whether the user may see them', async () => {
        // A slow 403: before it arrives a customer must not glimpse the staff layout.
        const pending: Array<() => void> = [];
        const fetch = vi.fn(() => new Promise<Response>((resolve) => {
            pending.push(() => resolve(new Response(JSON.stringify({error: 'no'}), {status: 403, headers: {'Content-Type': 'application/json'}})));
        }));
        const held = new ConciergeClient({baseUrl: 'http://mm.test', fetch, cookies: () => ''});
        render(<ConciergeRHS client={held} locale='en' siteURL='http://mm.test'/>);
        expect(screen.getByTestId('rhs-loading').textContent).toBe('Loading…');
        expect(screen.queryByRole('tablist')).toBeNull();
        await act(async () => pending.forEach((answer) => answer()));
        expect((await screen.findByTestId('access-denied')).getAttribute('data-status')).toBe('403');
        expect(screen.queryByRole('tablist')).toBeNull();
        expect(screen.queryByTestId('rhs-loading')).toBeNull();
    });

    it('asks to log in again on 401', async () => {
        renderRHS({status: 401});
        expect((await screen.findByTestId('access-denied')).textContent).toBe('Your session has expired. Please log in again.');
    });

    it('shows other errors with a retry that fetches again', async () => {
        const {fetch} = renderRHS({status: 500});
        const alerts = await screen.findAllByRole('alert');
        expect(alerts[0].textContent).toContain('Could not load data: status 500');
        const before = fetch.mock.calls.length;
        fireEvent.click(within(alerts[0]).getByRole('button', {name: 'Try again'}));
        await waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThan(before));
    });

    it('renders every label in Chinese for a zh-CN user', async () => {
        renderRHS({}, {locale: 'zh-CN'});
        await waitFor(() => expect(customers()).toEqual(['bob', 'alice']));
        for (const name of ['机器人接待', '等待人工', '人工接待', '已解决']) {
            expect(screen.getByRole('tab', {name})).toBeTruthy();
        }
        expect(screen.getByText('服务成效')).toBeTruthy();
        expect(screen.getByText('转人工率')).toBeTruthy();
        expect(screen.getByRole('button', {name: '刷新'})).toBeTruthy();
        expect(screen.getByRole('link', {name: '打开与 alice 的会话串'})).toBeTruthy();
        expect(screen.queryByText('Resolved')).toBeNull();
    });

    it('shows the staff-only message in Chinese', async () => {
        renderRHS({status: 403}, {locale: 'zh-CN'});
        expect((await screen.findByTestId('access-denied')).textContent).toMatch(/仅对店铺客服人员开放/);
    });

    it('navigates inside the app on a plain click when the host router takes it', async () => {
        const onNavigate = vi.fn(() => true);
        renderRHS({}, {onNavigate});
        const link = await screen.findByRole('link', {name: 'Open the thread with alice'});

        const plain = new MouseEvent('click', {bubbles: true, cancelable: true, button: 0});
        act(() => {
            link.dispatchEvent(plain);
        });
        expect(onNavigate).toHaveBeenCalledWith('/_redirect/pl/root1');
        expect(plain.defaultPrevented).toBe(true);

        // A modified click is left to the browser. Record whether the component cancelled it,
        // then cancel it ourselves so jsdom does not try to navigate.
        let preventedByComponent: boolean | undefined;
        const record = (e: Event) => {
            preventedByComponent = e.defaultPrevented;
            e.preventDefault();
        };
        window.addEventListener('click', record);
        const withCtrl = new MouseEvent('click', {bubbles: true, cancelable: true, button: 0, ctrlKey: true});
        act(() => {
            link.dispatchEvent(withCtrl);
        });
        window.removeEventListener('click', record);
        expect(onNavigate).toHaveBeenCalledTimes(1);
        expect(preventedByComponent).toBe(false);
    });
});
