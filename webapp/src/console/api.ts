// The console's calls. JSON ones go through ConciergeClient (cookie session, CSRF header);
// the import is an XMLHttpRequest because fetch cannot report upload progress.
import type {ConciergeClient} from '../api/client';

import type {ImportDetail, ImportKind, ImportResult, KnowledgeStatus, ModelCheck, Series} from './types';

// The slice of XMLHttpRequest the upload uses; injectable for tests.
export interface UploadRequest {
    upload: {onprogress: ((ev: {lengthComputable: boolean; loaded: number; total: number}) => void) | null};
    onload: (() => void) | null;
    onerror: (() => void) | null;
    status: number;
    responseText: string;
    withCredentials: boolean;
    open(method: string, url: string): void;
    setRequestHeader(name: string, value: string): void;
    send(body: Blob | string): void;
}

export type NewRequest = () => UploadRequest;

const browserRequest: NewRequest = () => new XMLHttpRequest() as unknown as UploadRequest;

export class ConsoleApi {
    constructor(private readonly client: ConciergeClient, private readonly newRequest: NewRequest = browserRequest) {}

    knowledgeStatus(signal?: AbortSignal): Promise<KnowledgeStatus> {
        return this.client.request<KnowledgeStatus>('GET', '/kb/status', undefined, signal);
    }

    testModel(): Promise<ModelCheck> {
        return this.client.request<ModelCheck>('POST', '/model/test');
    }

    series(days: number, timeZone: string, signal?: AbortSignal): Promise<Series> {
        const q = `?days=${days}&tz=${encodeURIComponent(timeZone)}`;
        return this.client.request<Series>('GET', `/stats/series${q}`, undefined, signal);
    }

    // Sends the file as the import's body; onProgress gets the fraction uploaded (0..1).
    // Resolves with the counts, or with the server's refusal and its JSON paths; rejects
    // only when the request could not be made at all (network down).
    upload(kind: ImportKind, file: Blob, onProgress: (fraction: number) => void): Promise<ImportResult> {
        return new Promise((resolve, reject) => {
            const req = this.newRequest();
            req.open('POST', this.client.url(`/${kind}`));
            req.withCredentials = true;
            for (const [name, value] of Object.entries(this.client.headers('POST'))) {
                req.setRequestHeader(name, value);
            }
            req.upload.onprogress = (ev) => {
                if (ev.lengthComputable && ev.total > 0) {
                    onProgress(ev.loaded / ev.total);
                }
            };
            req.onerror = () => reject(new Error('network error'));
            req.onload = () => resolve(parseImportAnswer(req.status, req.responseText));
            req.send(file);
        });
    }
}

export function parseImportAnswer(status: number, text: string): ImportResult {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        body = undefined;
    }
    const obj = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    if (status >= 200 && status < 300) {
        const counts: Record<string, number> = {};
        for (const [k, v] of Object.entries(obj)) {
            if (typeof v === 'number') {
                counts[k] = v;
            }
        }
        return {ok: true, counts};
    }
    const details: ImportDetail[] = Array.isArray(obj.details) ? obj.details.filter(isDetail) : [];
    const error = typeof obj.error === 'string' && obj.error ? obj.error : `HTTP ${status}`;
    return {ok: false, status, error, details};
}

function isDetail(v: unknown): v is ImportDetail {
    const d = v as ImportDetail;
    return Boolean(d) && typeof d.path === 'string' && typeof d.message === 'string';
}
