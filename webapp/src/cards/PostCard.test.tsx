import {fireEvent, render, screen, waitFor} from '@testing-library/react';
import React from 'react';
import {describe, expect, it, vi} from 'vitest';

import {translator} from '../i18n';

import {post, priceView, refundView} from './fixtures';
import PostCard from './PostCard';
import type {View} from './types';

const en = translator('en');
const zh = translator('zh-CN');

function client(result: Promise<unknown> = Promise.resolve({status: 'OK'})) {
    return {postAction: vi.fn(() => result)};
}

describe('PostCard', () => {
    it('shows a price card: every line by name, every step, the total', () => {
        render(<PostCard post={post(priceView)} t={en} client={client()}/>);
        const card = screen.getByTestId('card-price');
        expect(card.textContent).toContain('Trail Shoe (39 / white) × 1');
        expect(card.textContent).toContain('¥299.00');
        expect(screen.getAllByTestId('price-step').map((r) => r.textContent)).toEqual(['Spring sale−¥30.00', 'SAVE20−¥20.00']);
        expect(screen.getByTestId('price-total').textContent).toBe('¥249.00');
        expect(screen.getByText('Here is the price.')).toBeTruthy();
    });

    it('falls back to the message for a post without a view of a known version', () => {
        const {rerender} = render(<PostCard post={post(null)} t={en} client={client()}/>);
        expect(screen.getByTestId('markdown').textContent).toBe('fallback **markdown**');
        rerender(<PostCard post={post({...priceView, v: 2})} t={en} client={client()}/>);
        expect(screen.queryByTestId('card-price')).toBeNull();
        expect(screen.getByTestId('markdown').textContent).toBe('fallback **markdown**');
    });

    it('shows a streamed reply\'s words while they stream and its cards once the final edit brings them', () => {
        const {rerender} = render(<PostCard post={post(null, {type: 'custom_concierge_reply'})} t={en} client={client()}/>);
        expect(screen.getByTestId('markdown').textContent).toBe('fallback **markdown**');
        expect(screen.queryByTestId('card-price')).toBeNull();
        rerender(<PostCard post={post(priceView, {type: 'custom_concierge_reply'})} t={en} client={client()}/>);
        expect(screen.getByTestId('price-total').textContent).toBe('¥249.00');
    });

    it('presses Confirm through the post action and waits for the post to change', async () => {
        const c = client();
        const {rerender} = render(<PostCard post={post(refundView())} t={zh} client={c}/>);
        expect(screen.getByTestId('card-refund').textContent).toContain('Phone X (1TB / titanium) × 1');
        expect(screen.getByTestId('refund-status').textContent).toBe('等待您确认');
        fireEvent.click(screen.getByRole('button', {name: '确认'}));
        expect(c.postAction).toHaveBeenCalledWith('p1', 'confirm');
        expect((screen.getByRole('button', {name: '确认'}) as HTMLButtonElement).disabled).toBe(true);

        // The server's update arrives: settled, no buttons left.
        rerender(<PostCard post={post(refundView('refunded', []))} t={zh} client={c}/>);
        expect(screen.getByTestId('card-refund').getAttribute('data-state')).toBe('refunded');
        expect(screen.getByTestId('refund-status').textContent).toBe('已退款 ¥100.00');
        expect(screen.queryAllByRole('button')).toHaveLength(0);
    });

    it('gives the buttons back with the error when the press fails', async () => {
        render(<PostCard post={post(refundView())} t={en} client={client(Promise.reject(new Error('HTTP 500')))}/>);
        fireEvent.click(screen.getByRole('button', {name: 'Cancel'}));
        await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Could not send: HTTP 500'));
        expect((screen.getByRole('button', {name: 'Cancel'}) as HTMLButtonElement).disabled).toBe(false);
    });

    it('says a pending return waits for the goods, in the reader\'s language', () => {
        const view = refundView('pending', []);
        view.cards[0].refund!.stage = 'awaiting_goods';
        render(<PostCard post={post(view)} t={zh} client={client()}/>);
        expect(screen.getByTestId('refund-status').textContent).toBe('已受理：退货商品寄回签收后即退款');
    });

    it('sums a compared product up: the price range now beside the list prices, the options in stock', () => {
        const view: View = {v: 1, lang: 'zh', cards: [{kind: 'compare', compare: {products: [
            {id: 'a', name: 'Item A', currency: 'CNY', variants: [
                {name: 'S', price: 10000, now: 8000, stock: 2}, {name: 'M', price: 12000, now: 9600, stock: 0}, {name: 'L', price: 12000, now: 9600, stock: 1}]},
            {id: 'b', name: 'Item B', currency: 'CNY', variants: [{name: 'S', price: 5000, stock: 0}]},
        ]}}]};
        render(<PostCard post={post(view, {type: 'custom_concierge_compare'})} t={zh} client={client()}/>);
        const [a, b] = screen.getAllByTestId('compare-summary');
        expect(a.textContent).toBe('¥80.00–¥96.00 ¥100.00–¥120.00 · 3 个规格中 2 个有货');
        expect(a.querySelector('s')?.textContent).toBe('¥100.00–¥120.00');
        expect(b.textContent).toBe('¥50.00 · 1 个规格中 0 个有货');
        expect(screen.getAllByText(/查看全部 \d 个规格/)).toHaveLength(2);
    });

    it('writes the labels with the reader\'s punctuation', () => {
        const view = refundView('offered');
        view.cards[0].refund!.reason = '顾客申请退定金';
        render(<PostCard post={post(view)} t={zh} client={client()}/>);
        expect(screen.getByTestId('card-refund').textContent).toContain('原因：顾客申请退定金');
        expect(screen.getByTestId('card-refund').textContent).toContain('状态：等待您确认');
    });

    it('shows the server\'s words for a state this bundle does not know', () => {
        render(<PostCard post={post(refundView('on_hold', []))} t={en} client={client()}/>);
        expect(screen.getByTestId('refund-status').textContent).toBe('server words');
    });

    it('rates with the CSAT buttons, then thanks', () => {
        const csat = (score: number): View => ({v: 1, lang: 'en', cards: [{kind: 'csat', csat: {conversation_id: 'c1', score}}]});
        const c = client();
        const {rerender} = render(<PostCard post={post(csat(0), {type: 'custom_concierge_csat'})} t={en} client={c}/>);
        fireEvent.click(screen.getByRole('button', {name: 'Rate 4 of 5'}));
        expect(c.postAction).toHaveBeenCalledWith('p1', 'csat4');
        rerender(<PostCard post={post(csat(4), {type: 'custom_concierge_csat'})} t={en} client={c}/>);
        expect(screen.getByTestId('card-csat').textContent).toBe('Thank you for rating us 4 ★!');
        expect(screen.queryAllByRole('button')).toHaveLength(0);
    });

    it('shows the handoff summary fields and product and comparison cards', () => {
        const view: View = {v: 1, lang: 'en', cards: [
            {kind: 'handoff', handoff: {conversation_id: 'c1', customer: 'alice', title: 'Handoff', fields: [{title: 'Reason', value: 'wants a person'}]}},
            {kind: 'compare', compare: {products: [
                {id: 'a', name: 'Shoe A', currency: 'CNY', variants: [{name: '39', price: 19900, stock: 3}]},
                {id: 'b', name: 'Shoe B', brand: 'Acme', currency: 'CNY', variants: [{name: '40', price: 29900, stock: 0}]},
            ]}},
            {kind: 'product', product: {id: 'a', name: 'Shoe A', currency: 'CNY', variants: [{name: '39', price: 19900, stock: 3}, {name: '40', price: 19900, now: 15920, stock: 1}]}},
        ]};
        render(<PostCard post={post(view, {type: 'custom_concierge_handoff'})} t={en} client={client()}/>);
        expect(screen.getByTestId('card-handoff').textContent).toContain('Handoff: alice');
        expect(screen.getByTestId('card-handoff').textContent).toContain('wants a person');
        const compare = screen.getByTestId('card-compare').textContent ?? '';
        expect(compare).toContain('Acme');
        // One summary line a product; the variants behind "All N options".
        expect(screen.getAllByTestId('compare-summary').map((e) => e.textContent)).toEqual([
            '¥199.00 · 1 of 1 options in stock', '¥299.00 · 0 of 1 options in stock',
        ]);
        const details = screen.getByTestId('card-compare').querySelector('details');
        expect(details?.open).toBe(false);
        expect(details?.querySelector('summary')?.textContent).toBe('All 1 options');
        expect(details?.textContent).toContain('3 in stock');
        expect(screen.getByTestId('card-product').textContent).toContain('¥199.00');
        // A variant on sale: the price now, the list price struck through beside it.
        const struck = screen.getByTestId('card-product').querySelector('s');
        expect(struck?.textContent).toBe('¥199.00');
        expect(struck?.parentElement?.textContent).toContain('¥159.20');
    });
});
