// Shared test fixtures: a fake Mattermost server for the plugin API, routed by URL.
import {vi} from 'vitest';

import {ConciergeClient} from '../api/client';
import type {Conversation, CustomerCard, FAQProposal, Stats} from '../types';

export const sampleConversations: Conversation[] = [
    {id: 'c1', customer: 'alice', channel_id: 'ch1', root_id: 'root1', state: 'waiting_human', updated_at: '2026-11-11T10:00:00Z'},
    {id: 'c2', customer: 'bob', channel_id: 'ch2', root_id: '', state: 'waiting_human', updated_at: '2026-11-11T12:00:00Z'},
    {id: 'c3', customer: 'carol', channel_id: 'ch3', root_id: 'root3', state: 'human', updated_at: 1_794_000_000_000},
    {id: 'c4', customer: 'dave', channel_id: 'ch4', root_id: 'root4', state: 'resolved', updated_at: 1_793_000_000_000},
    {id: 'c5', customer: 'erin', channel_id: 'ch5', root_id: 'root5', state: 'bot', updated_at: 1_792_000_000_000},
];

export const sampleStats: Stats = {conversations: 40, resolved_by_bot: 30, handed_off: 10, handoff_rate: 0.25, csat_avg: 4.56};

export interface FakeServer {
    conversations?: Conversation[];
    stats?: Stats;

    // Status for every request (403 for a non-staff user, say); 200 when absent.
    status?: number;

    // A server that ignores ?state= and returns everything.
    ignoreStateFilter?: boolean;

    customer?: CustomerCard;
    proposals?: FAQProposal[];

    // The status POST /conversations/{id}/state answers (200 when absent).
    moveStatus?: number;

    // The status POST /faq/proposals/{id} answers (200 when absent: the proposal leaves the list).
    reviewStatus?: number;
}

export const sampleCustomer: CustomerCard = {
    customer: 'alice', tier: 'gold', conversations: 3, handoffs: 2,
    orders: [{id: 'O-1', status: 'paid', currency: 'CNY', total: 59900, items: ['Trail Shoe (39 / white) × 1']}],
    sizes: [{product: 'Trail Shoe', wears: '38 EU · boots', foot_mm: 240, recommended: '39'}],
    past_handoffs: [
        {conversation_id: 'c9', at: '2026-11-02T09:30:00Z', reason: 'parcel late', state: 'resolved', csat: 2},
        {conversation_id: 'c8', at: '2026-10-01T09:30:00Z', state: 'resolved'},
    ],
};

export const sampleProposals: FAQProposal[] = [
    {id: 'f1', question: 'Do you ship abroad?', answer: 'Only within the country.', lang: 'en', post_id: 'pp1', created_at: '2026-11-11T10:00:00Z'},
];

function json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
}

export function fakeFetch(server: FakeServer = {}) {
    return vi.fn(async (input: string, init?: RequestInit): Promise<Response> => {
        const url = new URL(input, 'http://localhost');
        if (server.status && server.status !== 200) {
            return json(server.status, {error: `status ${server.status}`});
        }
        if (url.pathname.endsWith('/state') && init?.method === 'POST') {
            const status = server.moveStatus ?? 200;
            return json(status, status === 200 ? {id: url.pathname.split('/').at(-2), state: JSON.parse(String(init.body)).state} : {error: 'refused'});
        }
        if (url.pathname.endsWith('/customer')) {
            return json(200, server.customer ?? sampleCustomer);
        }
        const review = url.pathname.match(/\/faq\/proposals\/([^/]+)$/);
        if (review && init?.method === 'POST') {
            const status = server.reviewStatus ?? 200;
            if (status !== 200) {
                return json(status, {error: status === 409 ? 'the FAQ proposal was decided already' : 'refused'});
            }
            const all = server.proposals ?? sampleProposals;
            const p = all.find((x) => x.id === review[1]);
            server.proposals = all.filter((x) => x.id !== review[1]);
            return json(200, {...p, state: JSON.parse(String(init.body)).decision === 'approve' ? 'approved' : 'rejected'});
        }
        if (url.pathname.endsWith('/faq/proposals')) {
            return json(200, {proposals: server.proposals ?? sampleProposals});
        }
        if (url.pathname.endsWith('/conversations')) {
            const all = server.conversations ?? sampleConversations;
            const state = url.searchParams.get('state');
            const rows = state && !server.ignoreStateFilter ? all.filter((c) => c.state === state) : all;

            // Pages as the server cuts them; this fake's cursor is the offset of the next row.
            const perPage = Number(url.searchParams.get('per_page') ?? '50');
            const from = Number(url.searchParams.get('cursor') ?? '0');
            const page = rows.slice(from, from + perPage);
            const body: {conversations: Conversation[]; next_cursor?: string} = {conversations: page};
            if (from + perPage < rows.length) {
                body.next_cursor = String(from + perPage);
            }
            return json(200, body);
        }
        if (url.pathname.endsWith('/stats')) {
            return json(200, server.stats ?? sampleStats);
        }
        return json(404, {error: 'not found'});
    });
}

export function fakeClient(server: FakeServer = {}) {
    const fetch = fakeFetch(server);
    return {fetch, client: new ConciergeClient({baseUrl: 'http://mm.test', fetch, cookies: () => ''})};
}
