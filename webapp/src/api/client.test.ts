import {describe, expect, it, vi} from 'vitest';

import {ApiError, ConciergeClient, readCookie} from './client';

function jsonResponse(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
}

function setup(response: Response, cookies = '') {
    const fetch = vi.fn(async (_input: string, _init?: RequestInit) => response.clone());
    const client = new ConciergeClient({baseUrl: 'https://mm.example.com/sub/', fetch, cookies: () => cookies});
    return {fetch, client};
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
    return init?.headers as Record<string, string>;
}

describe('ConciergeClient', () => {
    it('GETs conversations for a state with session cookies and the XHR header, no CSRF token', async () => {
        const {fetch, client} = setup(jsonResponse(200, {conversations: [{id: 'c1', customer: 'alice', channel_id: 'ch', root_id: 'r', state: 'human', updated_at: 1}]}), 'MMCSRF=tok123');
        const res = await client.getConversations('waiting_human');

        expect(res.conversations.map((c) => c.id)).toEqual(['c1']);
        expect(fetch).toHaveBeenCalledTimes(1);
        const [url, init] = fetch.mock.calls[0];
        expect(url).toBe('https://mm.example.com/sub/plugins/concierge/api/v1/conversations?state=waiting_human&per_page=50');
        expect(init?.method).toBe('GET');
        expect(init?.credentials).toBe('include');
        expect(headersOf(init)['X-Requested-With']).toBe('XMLHttpRequest');
        expect(headersOf(init)['X-CSRF-Token']).toBeUndefined();
    });

    it('omits the state query when no state is given', async () => {
        const {fetch, client} = setup(jsonResponse(200, {conversations: []}));
        const res = await client.getConversations();
        expect(fetch.mock.calls[0][0]).toBe('https://mm.example.com/sub/plugins/concierge/api/v1/conversations?per_page=50');
        expect(res.next_cursor).toBeUndefined();
    });

    it('asks for the page after a cursor and passes the next cursor on', async () => {
        const {fetch, client} = setup(jsonResponse(200, {conversations: [], next_cursor: 'abc_-9'}));
        const res = await client.getConversations('bot', {cursor: 'MTIz.x', perPage: 20});
        expect(fetch.mock.calls[0][0]).toBe('https://mm.example.com/sub/plugins/concierge/api/v1/conversations?state=bot&per_page=20&cursor=MTIz.x');
        expect(res.next_cursor).toBe('abc_-9');
    });

    it('sends the MMCSRF cookie as X-CSRF-Token on a state-changing request', async () => {
        const {fetch, client} = setup(jsonResponse(200, {ok: true}), 'MMUSERID=u1; MMCSRF=tok%2F123; other=x');
        await client.request('POST', '/quote', {items: [{sku_id: 's', qty: 1}]});

        const [, init] = fetch.mock.calls[0];
        expect(init?.method).toBe('POST');
        expect(init?.credentials).toBe('include');
        expect(headersOf(init)['X-CSRF-Token']).toBe('tok/123');
        expect(headersOf(init)['X-Requested-With']).toBe('XMLHttpRequest');
        expect(headersOf(init)['Content-Type']).toBe('application/json');
        expect(JSON.parse(String(init?.body))).toEqual({items: [{sku_id: 's', qty: 1}]});
    });

    it('sends no CSRF header when the cookie is absent', async () => {
        const {fetch, client} = setup(jsonResponse(200, {}), 'MMUSERID=u1');
        await client.request('POST', '/x', {});
        expect(headersOf(fetch.mock.calls[0][1])['X-CSRF-Token']).toBeUndefined();
    });

    it('turns a non-2xx answer into an ApiError carrying the status and server message', async () => {
        const {client} = setup(jsonResponse(403, {error: 'staff only'}));
        const err = await client.getStats().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).status).toBe(403);
        expect((err as ApiError).message).toBe('staff only');
    });

    it('falls back to the status when the error body is not JSON', async () => {
        const {client} = setup(new Response('<html>bad gateway</html>', {status: 502}));
        const err = await client.getStats().catch((e: unknown) => e) as ApiError;
        expect(err.status).toBe(502);
        expect(err.message).toBe('HTTP 502');
    });

    it('treats a null conversation list as empty', async () => {
        const {client} = setup(jsonResponse(200, {conversations: null}));
        expect((await client.getConversations('bot')).conversations).toEqual([]);
    });
});

describe('readCookie', () => {
    it.each([
        ['MMCSRF=abc', 'MMCSRF', 'abc'],
        ['a=1; MMCSRF=abc; b=2', 'MMCSRF', 'abc'],
        ['XMMCSRF=no; MMCSRF=yes', 'MMCSRF', 'yes'],
        ['a=1', 'MMCSRF', ''],
        ['', 'MMCSRF', ''],
    ])('%s → %s', (header, name, want) => {
        expect(readCookie(header, name)).toBe(want);
    });
});
