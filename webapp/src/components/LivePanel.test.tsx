import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {describe, expect, it} from 'vitest';

import {createEvents} from '../events';

import ConciergeRHS from './ConciergeRHS';
import {movesFor} from './CustomerPanel';
import {fakeClient, sampleConversations, type FakeServer} from './testkit';

function renderLive(server: FakeServer = {}) {
    const events = createEvents();
    const {fetch, client} = fakeClient(server);
    render(<ConciergeRHS client={client} locale='en' siteURL='http://mm.test' teamName='shop' subscribe={events.subscribe}/>);
    return {fetch, events};
}

const calls = (fetch: ReturnType<typeof fakeClient>['fetch'], suffix: string) =>
    fetch.mock.calls.filter(([url]) => String(url).endsWith(suffix)).length;

describe('live staff panel', () => {
    it('reloads the list and the numbers on every conversation event, without a refresh', async () => {
        const server: FakeServer = {conversations: sampleConversations.slice(0, 1)};
        const {fetch, events} = renderLive(server);
        await waitFor(() => expect(screen.getAllByTestId('conversation-row')).toHaveLength(1));
        expect(screen.getByTestId('live').textContent).toContain('Live');
        const before = calls(fetch, '/stats');

        // A new handoff arrives on the server and its event on the socket.
        server.conversations = sampleConversations.slice(0, 2);
        act(() => events.emit({conversation_id: 'c2', state: 'waiting_human', event: 'handed_off'}));
        await waitFor(() => expect(screen.getAllByTestId('conversation-row')).toHaveLength(2));
        expect(calls(fetch, '/stats')).toBe(before + 1);
    });

    it('shows the customer card and takes the conversation over', async () => {
        const {fetch} = renderLive();
        fireEvent.click(await screen.findByRole('button', {name: 'Details alice'}));
        const panel = await screen.findByTestId('customer-panel');
        await waitFor(() => expect(within(panel).getByTestId('customer-tier').textContent).toBe('gold'));
        expect(within(panel).getByTestId('customer-handoffs').textContent).toBe('2');
        expect(within(panel).getByTestId('customer-handoffs').previousElementSibling?.textContent).toBe('Handoffs in all');
        expect(within(panel).getByTestId('customer-order').textContent).toContain('O-1 · paid · ¥599.00');
        expect(within(panel).getByTestId('customer-order').textContent).toContain('Trail Shoe (39 / white) × 1');
        expect(within(panel).getByTestId('customer-size').textContent).toBe('Trail Shoe → 39wears 38 EU · boots · foot 240 mm');
        const past = within(panel).getAllByTestId('customer-past-handoff').map((li) => li.textContent);
        expect(past).toHaveLength(2);
        expect(past[0]).toMatch(/^11\/02\/2026.* · Resolved · rated 2 ★parcel late$/);
        expect(past[1]).toMatch(/ · Resolved$/);

        fireEvent.click(within(panel).getByRole('button', {name: 'Take over'}));
        await waitFor(() => expect(fetch.mock.calls.some(([url, init]) =>
            String(url) === 'http://mm.test/plugins/concierge/api/v1/conversations/c1/state' && init?.body === '{"state":"human"}')).toBe(true));
    });

    it('says so when the server refuses a move', async () => {
        renderLive({moveStatus: 403});
        fireEvent.click(await screen.findByRole('button', {name: 'Details alice'}));
        fireEvent.click(await screen.findByRole('button', {name: 'Resolve'}));
        await waitFor(() => expect(within(screen.getByTestId('customer-panel')).getByRole('alert').textContent)
            .toBe('Could not change the conversation: refused'));
    });

    it('follows the open conversation\'s state from the events', async () => {
        const {events} = renderLive();
        fireEvent.click(await screen.findByRole('button', {name: 'Details alice'}));
        const panel = await screen.findByTestId('customer-panel');
        expect(within(panel).queryByRole('button', {name: 'Hand back'})).toBeTruthy();
        act(() => events.emit({conversation_id: 'c1', state: 'resolved', event: 'resolved'}));
        await waitFor(() => expect(within(screen.getByTestId('customer-panel')).queryAllByRole('button', {name: /Take over|Hand back|Resolve/})).toHaveLength(0));
    });

    it('lists the FAQ proposals with a link to their card', async () => {
        renderLive();
        const section = await screen.findByTestId('faq-proposals');
        expect(section.textContent).toContain('FAQ proposals to review (1)');
        expect(within(section).getByTestId('faq-proposal').textContent).toContain('Do you ship abroad?');
        expect(within(section).getByRole('link', {name: 'Open the card'}).getAttribute('href')).toBe('http://mm.test/_redirect/pl/pp1');
    });

    it('offers the moves each state allows', () => {
        expect(movesFor('bot')).toEqual(['human', 'resolved']);
        expect(movesFor('waiting_human')).toEqual(['human', 'bot', 'resolved']);
        expect(movesFor('human')).toEqual(['bot', 'resolved']);
        expect(movesFor('resolved')).toEqual([]);
    });
});
