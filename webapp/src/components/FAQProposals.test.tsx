import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {describe, expect, it} from 'vitest';

import {createEvents} from '../events';
import {translator} from '../i18n';
import type {FAQEvent, FAQProposal} from '../types';

import ConciergeRHS from './ConciergeRHS';
import FAQProposals from './FAQProposals';
import {fakeClient, type FakeServer} from './testkit';

const two: FAQProposal[] = [
    {id: 'f1', question: 'Do you ship abroad?', answer: 'Only within the country.', lang: 'en', post_id: 'pp1', created_at: '2026-11-11T10:00:00Z'},
    {id: 'f2', question: 'Can I get an invoice?', answer: 'Yes, from the order page.', lang: 'en', post_id: 'pp2', created_at: '2026-11-11T11:00:00Z'},
];

function renderList(server: FakeServer, locale: 'en' | 'zh-CN' = 'en') {
    const {fetch, client} = fakeClient(server);
    render(<FAQProposals client={client} t={translator(locale)} siteURL='http://mm.test' generation={0}/>);
    return fetch;
}

// The review requests the fake server saw: id and body.
function reviews(fetch: ReturnType<typeof fakeClient>['fetch']) {
    return fetch.mock.calls
        .filter(([url, init]) => init?.method === 'POST' && String(url).includes('/faq/proposals/'))
        .map(([url, init]) => ({id: String(url).split('/').at(-1), body: JSON.parse(String(init?.body))}));
}

const row = async (question: string) => (await screen.findByText(question)).closest('li') as HTMLElement;

describe('FAQ proposals in the staff panel', () => {
    it('approves a proposal as proposed and drops it from the list', async () => {
        const fetch = renderList({proposals: [...two]});
        fireEvent.click(within(await row('Do you ship abroad?')).getByRole('button', {name: 'Approve'}));
        await waitFor(() => expect(screen.queryByText('Do you ship abroad?')).toBeNull());
        expect(reviews(fetch)).toEqual([{id: 'f1', body: {decision: 'approve'}}]);
        expect(screen.getByTestId('faq-proposals').textContent).toContain('FAQ proposals to review (1)');
        expect(screen.getByText('Can I get an invoice?')).toBeTruthy();
    });

    it('approves a proposal as edited', async () => {
        const fetch = renderList({proposals: [...two]});
        const li = await row('Can I get an invoice?');
        fireEvent.click(within(li).getByRole('button', {name: 'Edit'}));
        const [question, answer] = within(li).getAllByRole('textbox') as HTMLTextAreaElement[];
        expect(answer.value).toBe('Yes, from the order page.');
        fireEvent.change(question, {target: {value: ' Can I have an invoice? '}});

        // An empty answer cannot be approved.
        fireEvent.change(answer, {target: {value: '  '}});
        expect((within(li).getByRole('button', {name: 'Save and approve'}) as HTMLButtonElement).disabled).toBe(true);
        fireEvent.change(answer, {target: {value: 'Yes: Orders → Invoice.'}});
        fireEvent.click(within(li).getByRole('button', {name: 'Save and approve'}));
        await waitFor(() => expect(screen.queryByText('Can I get an invoice?')).toBeNull());
        expect(reviews(fetch)).toEqual([{id: 'f2', body: {decision: 'approve', question: 'Can I have an invoice?', answer: 'Yes: Orders → Invoice.'}}]);
    });

    it('cancels an edit without deciding', async () => {
        const fetch = renderList({proposals: [...two]});
        const li = await row('Do you ship abroad?');
        fireEvent.click(within(li).getByRole('button', {name: 'Edit'}));
        fireEvent.click(within(li).getByRole('button', {name: 'Cancel'}));
        expect(within(li).queryAllByRole('textbox')).toHaveLength(0);
        expect(within(li).getByRole('button', {name: 'Approve'})).toBeTruthy();
        expect(reviews(fetch)).toEqual([]);
    });

    it('rejects in Chinese', async () => {
        const fetch = renderList({proposals: [...two]}, 'zh-CN');
        fireEvent.click(within(await row('Do you ship abroad?')).getByRole('button', {name: '拒绝'}));
        await waitFor(() => expect(screen.queryByText('Do you ship abroad?')).toBeNull());
        expect(reviews(fetch)).toEqual([{id: 'f1', body: {decision: 'reject'}}]);
        expect(screen.getByRole('link', {name: '查看卡片'}).getAttribute('href')).toBe('http://mm.test/_redirect/pl/pp2');
    });

    it('says when someone decided first and reads the list again', async () => {
        const server: FakeServer = {proposals: [...two], reviewStatus: 409};
        const fetch = renderList(server);
        const li = await row('Do you ship abroad?');
        const lists = () => fetch.mock.calls.filter(([url, init]) => init?.method === 'GET' && String(url).endsWith('/faq/proposals')).length;
        expect(lists()).toBe(1);
        fireEvent.click(within(li).getByRole('button', {name: 'Reject'}));
        await waitFor(() => expect(within(li).getByRole('alert').textContent).toBe('Someone decided this proposal already.'));
        await waitFor(() => expect(lists()).toBe(2));
    });

    it('shows a failure and gives the buttons back', async () => {
        renderList({proposals: [...two], reviewStatus: 500});
        const li = await row('Do you ship abroad?');
        fireEvent.click(within(li).getByRole('button', {name: 'Approve'}));
        await waitFor(() => expect(within(li).getByRole('alert').textContent).toBe('Could not review the proposal: refused'));
        expect((within(li).getByRole('button', {name: 'Approve'}) as HTMLButtonElement).disabled).toBe(false);
    });

    it('follows the proposal events in the live panel: a new one appears without a refresh', async () => {
        const server: FakeServer = {proposals: two.slice(0, 1)};
        const {client} = fakeClient(server);
        const faq = createEvents<FAQEvent>();
        render(<ConciergeRHS client={client} locale='en' siteURL='http://mm.test' subscribeFAQ={faq.subscribe}/>);
        await screen.findByText('Do you ship abroad?');
        server.proposals = [...two];
        act(() => faq.emit({proposal_id: 'f2', event: 'proposed'}));
        await screen.findByText('Can I get an invoice?');

        // Decided on its card in the staff channel: it leaves the panel too.
        server.proposals = two.slice(1);
        act(() => faq.emit({proposal_id: 'f1', event: 'approved'}));
        await waitFor(() => expect(screen.queryByText('Do you ship abroad?')).toBeNull());
    });
});
