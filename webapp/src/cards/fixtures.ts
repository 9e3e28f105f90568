// Card posts as the server writes them (server/cards, version 1), for the tests.
import type {HostPost, View} from './types';

export const priceView: View = {
    v: 1, lang: 'en', text: 'Here is the price.',
    cards: [{kind: 'price', price: {currency: 'CNY', total: 24900,
        lines: [{name: 'Trail Shoe', variant: '39 / white', qty: 1, list: 29900, final: 24900}],
        steps: [{kind: 'discount', title: 'Spring sale', off: 3000}, {kind: 'coupon', title: 'SAVE20', off: 2000}]}}],
};

export const refundView = (state = 'offered', actions: string[] | undefined = ['confirm', 'cancel']): View => ({
    v: 1, lang: 'zh', text: '好的，这是退款单。',
    cards: [{kind: 'refund', refund: {id: 'card1', kind: 'deposit', title: '定金退款', order_id: 'O-1', currency: 'CNY', amount: 10000,
        lines: [{name: 'Phone X', variant: '1TB / titanium', qty: 1, amount: 10000}], state, status: 'server words', actions}}],
});

export function post(view: View | null, extra: Partial<HostPost> = {}): HostPost {
    return {id: 'p1', message: 'fallback **markdown**', type: 'custom_concierge_refund', props: view ? {concierge_view: view} : {}, ...extra};
}
