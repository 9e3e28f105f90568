// A small fetch wrapper for the plugin's own HTTP API, shaped after mattermost-redux's Client4:
// session cookie auth (credentials: 'include'), X-Requested-With so the server treats the call
// as an XHR, and the MMCSRF cookie echoed as X-CSRF-Token on anything that changes state —
// Mattermost drops the session of a cookie-authenticated plugin request whose CSRF check fails.
import {API_PREFIX} from '../manifest';
import type {ConversationState, ConversationsResponse, CustomerCard, FAQDecision, FAQProposal, Stats} from '../types';

// Rows per page the console asks for: a screenful or two; more on "Load more".
export const DEFAULT_PER_PAGE = 50;

export interface PageRequest {
    cursor?: string;
    perPage?: number;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiError extends Error {
    readonly status: number;

    constructor(status: number, message: string) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
    }
}

export function readCookie(cookieHeader: string, name: string): string {
    for (const part of cookieHeader.split(';')) {
        const eq = part.indexOf('=');
        if (eq < 0) {
            continue;
        }
        if (part.slice(0, eq).trim() === name) {
            return decodeURIComponent(part.slice(eq + 1).trim());
        }
    }
    return '';
}

export interface ClientOptions {

    // Site URL without a trailing slash ('' = same origin as the page).
    baseUrl?: string;
    fetch?: FetchLike;

    // Returns document.cookie; injectable for tests.
    cookies?: () => string;
}

export class ConciergeClient {
    private readonly baseUrl: string;
    private readonly fetchImpl: FetchLike;
    private readonly cookies: () => string;

    constructor(opts: ClientOptions = {}) {
        this.baseUrl = (opts.baseUrl ?? '').replace(/\/+$/, '');

        // Bind lazily so a test that replaces globalThis.fetch after construction still works.
        this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
        this.cookies = opts.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
    }

    url(path: string): string {
        return `${this.baseUrl}${API_PREFIX}${path}`;
    }

    headers(method: string): Record<string, string> {
        const h: Record<string, string> = {
            Accept: 'application/json',
            'X-Requested-With': 'XMLHttpRequest',
        };
        if (method !== 'GET' && method !== 'HEAD') {
            h['Content-Type'] = 'application/json';
            const token = readCookie(this.cookies(), 'MMCSRF');
            if (token) {
                h['X-CSRF-Token'] = token;
            }
        }
        return h;
    }

    async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, absolute = false): Promise<T> {
        const res = await this.fetchImpl(absolute ? `${this.baseUrl}${path}` : this.url(path), {
            method,
            credentials: 'include',
            headers: this.headers(method),
            body: body === undefined ? undefined : JSON.stringify(body),
            signal,
        });
        if (!res.ok) {
            throw new ApiError(res.status, await errorMessage(res));
        }
        return await res.json() as T;
    }

    // One page of conversations, newest first (SPEC §6): pass the previous page's
    // next_cursor for the page after it; no next_cursor in the answer means the last page.
    async getConversations(state?: ConversationState, page: PageRequest = {}, signal?: AbortSignal): Promise<ConversationsResponse> {
        const params = new URLSearchParams();
        if (state) {
            params.set('state', state);
        }
        params.set('per_page', String(page.perPage ?? DEFAULT_PER_PAGE));
        if (page.cursor) {
            params.set('cursor', page.cursor);
        }
        const data = await this.request<Partial<ConversationsResponse>>('GET', `/conversations?${params.toString()}`, undefined, signal);

        // The server may encode an empty list as null.
        const res: ConversationsResponse = {conversations: data.conversations ?? []};
        if (data.next_cursor) {
            res.next_cursor = data.next_cursor;
        }
        return res;
    }

    getStats(signal?: AbortSignal): Promise<Stats> {
        return this.request<Stats>('GET', '/stats', undefined, signal);
    }

    // Presses a card's button through Mattermost's own post-action endpoint: the server
    // finds the button on the post, adds the context the client never sees and calls the
    // plugin, which checks who clicked (the customer, or staff to approve) as for any
    // client; the post's update then reaches every client over the websocket.
    postAction(postId: string, actionId: string): Promise<unknown> {
        return this.request('POST', `/api/v4/posts/${encodeURIComponent(postId)}/actions/${encodeURIComponent(actionId)}`, {}, undefined, true);
    }

    // Take over (human), hand back (bot) or resolve (resolved); staff only.
    moveConversation(id: string, state: 'human' | 'bot' | 'resolved'): Promise<unknown> {
        return this.request('POST', `/conversations/${encodeURIComponent(id)}/state`, {state});
    }

    getCustomer(conversationId: string, signal?: AbortSignal): Promise<CustomerCard> {
        return this.request<CustomerCard>('GET', `/conversations/${encodeURIComponent(conversationId)}/customer`, undefined, signal);
    }

    async getProposals(signal?: AbortSignal): Promise<FAQProposal[]> {
        const data = await this.request<{proposals?: FAQProposal[] | null}>('GET', '/faq/proposals', undefined, signal);
        return data.proposals ?? [];
    }

    // Approves or rejects a proposal; an approval may carry the question and answer as
    // staff edited them. 409 when it was decided meanwhile (on its card, say).
    reviewProposal(id: string, decision: FAQDecision, edits: {question?: string; answer?: string} = {}): Promise<FAQProposal> {
        return this.request<FAQProposal>('POST', `/faq/proposals/${encodeURIComponent(id)}`, {decision, ...edits});
    }
}

async function errorMessage(res: Response): Promise<string> {
    try {
        const data = await res.json() as {error?: unknown; message?: unknown};
        if (typeof data.error === 'string' && data.error) {
            return data.error;
        }
        if (typeof data.message === 'string' && data.message) {
            return data.message;
        }
    } catch {
        // Not JSON (a proxy error page, say): fall through to the status line.
    }
    return `HTTP ${res.status}`;
}
