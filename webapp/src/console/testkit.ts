// Test fixtures for the console pages: a fake plugin server for the JSON routes and a fake
// XMLHttpRequest the test drives (progress events, then the answer).
import {vi} from 'vitest';

import {ConciergeClient} from '../api/client';

import {ConsoleApi, type UploadRequest} from './api';
import type {KnowledgeStatus, ModelCheck, Series} from './types';

export const sampleStatus: KnowledgeStatus = {
    catalog: {imported_at: '2026-12-01T08:30:00Z', counts: {products: 12, skus: 40, faqs: 9, policies: 4, promotions: 3}},
    orders: null,
    index: {ready: true, building: false, docs: 25},
};

export function sampleSeries(): Series {
    return {
        time_zone: 'Asia/Shanghai',
        days: [
            {date: '2026-12-02', conversations: 4, handed_off: 1, handoff_rate: 0.25, resolved_by_bot: 2, resolved_by_human: 1, csat_count: 2, csat_avg: 4.5},
            {date: '2026-12-03', conversations: 0, handed_off: 0, handoff_rate: 0, resolved_by_bot: 0, resolved_by_human: 0, csat_count: 0, csat_avg: null},
            {date: '2026-12-04', conversations: 2, handed_off: 2, handoff_rate: 1, resolved_by_bot: 0, resolved_by_human: 1, csat_count: 1, csat_avg: 2},
        ],
        hours: Array.from({length: 24}, (_, h) => (h === 10 ? 4 : h === 21 ? 2 : 0)),
        topics: [{topic: 'quote_price', conversations: 3}, {topic: 'offer_refund', conversations: 2}, {topic: 'new_tool', conversations: 1}],
    };
}

export interface ConsoleServer {
    status?: KnowledgeStatus;
    model?: ModelCheck;
    series?: Series;
    fail?: number; // every JSON route answers this status
}

function json(status: number, body: unknown): Response {
    return new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
}

export function fakeConsole(server: ConsoleServer = {}, requests: FakeRequest[] = []) {
    const fetch = vi.fn(async (input: string, init?: RequestInit): Promise<Response> => {
        const url = new URL(input, 'http://localhost');
        if (server.fail) {
            return json(server.fail, {error: `status ${server.fail}`});
        }
        if (url.pathname.endsWith('/kb/status')) {
            return json(200, server.status ?? sampleStatus);
        }
        if (url.pathname.endsWith('/model/test') && init?.method === 'POST') {
            return json(200, server.model ?? {configured: true, ok: true, model: 'm1', latency_ms: 1234});
        }
        if (url.pathname.endsWith('/stats/series')) {
            return json(200, server.series ?? sampleSeries());
        }
        return json(404, {error: 'not found'});
    });
    const client = new ConciergeClient({baseUrl: 'http://mm.test', fetch, cookies: () => 'MMCSRF=tok123'});
    const api = new ConsoleApi(client, () => {
        const r = new FakeRequest();
        requests.push(r);
        return r;
    });
    return {fetch, api, requests};
}

// An XMLHttpRequest the test answers by hand.
export class FakeRequest implements UploadRequest {
    upload: UploadRequest['upload'] = {onprogress: null};
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    status = 0;
    responseText = '';
    withCredentials = false;
    method = '';
    url = '';
    headers: Record<string, string> = {};
    body: Blob | string | undefined;

    open(method: string, url: string) {
        this.method = method;
        this.url = url;
    }

    setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
    }

    send(body: Blob | string) {
        this.body = body;
    }

    progress(loaded: number, total: number) {
        this.upload.onprogress?.({lengthComputable: true, loaded, total});
    }

    answer(status: number, body: unknown) {
        this.status = status;
        this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
        this.onload?.();
    }
}
