import {describe, expect, it} from 'vitest';

import {parseImportAnswer} from './api';
import {fakeConsole, type FakeRequest} from './testkit';

describe('ConsoleApi.upload', () => {
    it('posts the file with the session and CSRF headers and reports progress', async () => {
        const requests: FakeRequest[] = [];
        const {api} = fakeConsole({}, requests);
        const seen: number[] = [];
        const file = new Blob(['{"products":[]}'], {type: 'application/json'});
        const done = api.upload('orders', file, (f) => seen.push(f));
        const req = requests[0];
        expect(req.method).toBe('POST');
        expect(req.url).toBe('http://mm.test/plugins/concierge/api/v1/orders');
        expect(req.withCredentials).toBe(true);
        expect(req.headers['X-CSRF-Token']).toBe('tok123');
        expect(req.headers['X-Requested-With']).toBe('XMLHttpRequest');
        expect(req.body).toBe(file);
        req.progress(25, 100);
        req.progress(100, 100);
        req.answer(200, {customers: 3, orders: 7});
        await expect(done).resolves.toEqual({ok: true, counts: {customers: 3, orders: 7}});
        expect(seen).toEqual([0.25, 1]);
    });

    it('rejects only when the request cannot be made', async () => {
        const requests: FakeRequest[] = [];
        const {api} = fakeConsole({}, requests);
        const done = api.upload('catalog', new Blob(['x']), () => undefined);
        requests[0].onerror?.();
        await expect(done).rejects.toThrow('network error');
    });
});

describe('parseImportAnswer', () => {
    it('keeps the problems with their JSON paths from a 400', () => {
        const r = parseImportAnswer(400, JSON.stringify({error: 'catalog has 2 problems', details: [
            {path: 'products[0].skus[0].price', message: 'must be ≥ 0'},
            {path: '', message: 'and 1 more'},
            {nonsense: true},
        ]}));
        expect(r).toEqual({ok: false, status: 400, error: 'catalog has 2 problems', details: [
            {path: 'products[0].skus[0].price', message: 'must be ≥ 0'},
            {path: '', message: 'and 1 more'},
        ]});
    });

    it('names the status when the body is not JSON (a proxy page)', () => {
        expect(parseImportAnswer(413, '<html>too large</html>')).toEqual({ok: false, status: 413, error: 'HTTP 413', details: []});
    });
});
