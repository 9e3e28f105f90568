import {fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {describe, expect, it} from 'vitest';

import Analytics from './Analytics';
import {fakeConsole} from './testkit';

function titles(el: Element): string[] {
    return Array.from(el.querySelectorAll('[data-testid=chart-point] title, [data-testid=chart-bar] title')).map((t) => t.textContent ?? '');
}

function chart(name: string): Element {
    return screen.getByRole('img', {name});
}

describe('Analytics', () => {
    it('asks for the window in the given time zone and shows the totals', async () => {
        const {api, fetch} = fakeConsole();
        render(<Analytics api={api} locale='en' timeZone='Asia/Shanghai'/>);
        expect((await screen.findByTestId('concierge-analytics-totals')).textContent).toBe('6 conversations, 50% handed off, average satisfaction 3.7.');
        expect(fetch.mock.calls[0][0]).toBe('http://mm.test/plugins/concierge/api/v1/stats/series?days=30&tz=Asia%2FShanghai');

        fireEvent.change(screen.getByRole('combobox'), {target: {value: '7'}});
        await waitFor(() => expect(fetch.mock.calls.at(-1)?.[0]).toContain('days=7&'));
    });

    it('draws the handoff rate with a gap on a day without conversations', async () => {
        const {api} = fakeConsole();
        render(<Analytics api={api} locale='en' timeZone='UTC'/>);
        await screen.findByTestId('concierge-analytics-totals');
        expect(titles(chart('Handoff rate by day'))).toEqual(['12-02: 25%', '12-04: 100%']);
        expect(chart('Handoff rate by day').querySelectorAll('path')).toHaveLength(2);
        expect(titles(chart('Satisfaction (1–5) by day'))).toEqual(['12-02: 4.5', '12-04: 2']);
    });

    it('stacks resolution by day and ranks the intents in words', async () => {
        const {api} = fakeConsole();
        render(<Analytics api={api} locale='en' timeZone='UTC'/>);
        await screen.findByTestId('concierge-analytics-totals');
        expect(titles(chart('Resolution by day'))).toEqual([
            '12-02 · Resolved by the bot: 2', '12-02 · Resolved by staff: 1', '12-02 · Not resolved yet: 1',
            '12-04 · Resolved by staff: 1', '12-04 · Not resolved yet: 1',
        ]);
        // A tool the table has no words for shows as its name.
        expect(titles(chart('Top intents'))).toEqual(['Final prices: 3', 'Refunds: 2', 'new_tool: 1']);
        expect(titles(chart('Busiest hours (conversations started, Asia/Shanghai)'))).toEqual(['10 · Conversations: 4', '21 · Conversations: 2']);
    });

    it('speaks Chinese', async () => {
        const {api} = fakeConsole();
        render(<Analytics api={api} locale='zh-CN' timeZone='UTC'/>);
        expect((await screen.findByTestId('concierge-analytics-totals')).textContent).toContain('共 6 个会话');
        expect(titles(chart('热门意图'))).toEqual(['到手价: 3', '退款: 2', 'new_tool: 1']);
    });

    it('says so when there is nothing yet, and shows no empty charts as zeros', async () => {
        const {api} = fakeConsole({series: {time_zone: 'UTC', days: [{date: '2026-12-04', conversations: 0, handed_off: 0, handoff_rate: 0, resolved_by_bot: 0, resolved_by_human: 0, csat_count: 0, csat_avg: null}], hours: Array(24).fill(0), topics: []}});
        render(<Analytics api={api} locale='en' timeZone='UTC'/>);
        expect(await screen.findByText('No conversations in this period yet.')).toBeTruthy();
        expect(screen.getByText('No ratings in this period.')).toBeTruthy();
        expect(titles(chart('Handoff rate by day'))).toEqual([]);
    });

    it('shows a load error with a retry', async () => {
        const {api, fetch} = fakeConsole({fail: 403});
        render(<Analytics api={api} locale='en' timeZone='UTC'/>);
        const alert = await screen.findByRole('alert');
        expect(alert.textContent).toContain('status 403');
        fireEvent.click(within(alert.parentElement as HTMLElement).getByRole('button', {name: 'Try again'}));
        await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    });
});
