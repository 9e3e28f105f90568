import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {describe, expect, it} from 'vitest';

import KnowledgeImport from './KnowledgeImport';
import {fakeConsole, type FakeRequest} from './testkit';

function setup(locale: 'en' | 'zh-CN' = 'en') {
    const requests: FakeRequest[] = [];
    const {api, fetch} = fakeConsole({}, requests);
    render(<KnowledgeImport api={api} locale={locale}/>);
    return {requests, fetch};
}

function pick(name: string, text = '{}') {
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const file = new File([text], name, {type: 'application/json'});
    fireEvent.change(input, {target: {files: [file]}});
    return file;
}

describe('KnowledgeImport', () => {
    it('shows the current counts and the last import', async () => {
        setup();
        const catalog = await screen.findByTestId('concierge-kb-catalog');
        expect(catalog.textContent).toContain('12 products, 40 SKUs, 9 FAQs, 4 policies, 3 promotions');
        expect(catalog.textContent).toMatch(/Last import \d\d\/\d\d\/2026, \d\d:30/);
        expect(screen.getByTestId('concierge-kb-orders').textContent).toContain('Never imported');
        expect(screen.getByTestId('concierge-kb-index').textContent).toContain('25 documents');
    });

    it('uploads with a progress bar, then shows the counts and reloads the status', async () => {
        const {requests, fetch} = setup();
        await screen.findByTestId('concierge-kb-catalog');
        fireEvent.change(screen.getByRole('combobox'), {target: {value: 'orders'}});
        const importButton = screen.getByRole('button', {name: 'Import'});
        expect((importButton as HTMLButtonElement).disabled).toBe(true); // no file yet
        const file = pick('orders.json');
        fireEvent.click(importButton);
        const req = requests[0];
        expect(req.url).toMatch(/\/api\/v1\/orders$/);
        expect(req.body).toBe(file);

        act(() => req.progress(40, 100));
        expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
        expect(screen.getByText('Uploading 40%')).toBeTruthy();
        act(() => req.progress(100, 100));
        expect(screen.getByText(/checking and saving/)).toBeTruthy();

        const calls = fetch.mock.calls.length;
        act(() => req.answer(200, {customers: 3, orders: 7}));
        expect((await screen.findByRole('status')).textContent).toBe('Imported orders.json: 3 customers, 7 orders.');
        expect(screen.queryByRole('progressbar')).toBeNull();
        await waitFor(() => expect(fetch.mock.calls.length).toBe(calls + 1));
    });

    it('lists a refused file\'s problems by JSON path', async () => {
        const {requests} = setup();
        pick('catalog.json');
        fireEvent.click(screen.getByRole('button', {name: 'Import'}));
        act(() => requests[0].answer(400, {error: 'catalog has 2 problems', details: [
            {path: 'products[0].skus[0].price', message: 'must not be negative'},
            {path: '', message: '… and 3 more'},
        ]}));
        const alert = await screen.findByRole('alert');
        expect(alert.textContent).toContain('catalog.json was not imported: catalog has 2 problems');
        const rows = within(screen.getByTestId('concierge-kb-problems')).getAllByRole('row').slice(1);
        expect(rows.map((r) => r.textContent)).toEqual([
            'products[0].skus[0].pricemust not be negative',
            '(the whole document)… and 3 more',
        ]);
    });

    it('speaks Chinese', async () => {
        setup('zh-CN');
        expect((await screen.findByTestId('concierge-kb-catalog')).textContent).toContain('12 商品，40 SKU');
        expect(screen.getByRole('button', {name: '导入'})).toBeTruthy();
        expect(screen.getByTestId('concierge-kb-orders').textContent).toContain('尚未导入');
    });
});
