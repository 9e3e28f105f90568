// The cards' wire form: the `concierge_view` post prop the server writes (server/cards,
// version 1). Money is in minor units (cents / 分) with the card's currency.

export const VIEW_VERSION = 1;
export const VIEW_PROP = 'concierge_view';

export const CARD_KINDS = ['price', 'product', 'compare', 'refund', 'handoff', 'csat'] as const;
export type CardKind = typeof CARD_KINDS[number];

export const postType = (kind: CardKind) => `custom_concierge_${kind}`;

// A reply streamed before its end was known (server cards.TypeStreamed): the host keeps
// a post's type on edit, so it is rendered by the same component, which shows the words
// while they stream and the cards the final edit brings in the view prop.
export const STREAMED_POST_TYPE = 'custom_concierge_reply';

export interface Item {
    name: string;
    variant?: string;
}

export interface PriceLine extends Item {
    qty: number;
    list: number;
    final: number;
}

export interface Price {
    currency: string;
    lines: PriceLine[];
    steps: Array<{kind: string; title: string; off: number}>;
    notes?: string[];
    total: number;
}

export interface Product {
    id: string;
    name: string;
    brand?: string;
    currency: string;
    variants: Array<{name: string; price: number; now?: number; stock: number}>;
}

export interface Refund {
    id: string;
    kind: string;
    title: string;
    order_id: string;
    currency: string;
    amount: number;
    lines?: Array<Item & {qty: number; amount: number}>;
    reason?: string;
    state: string;

    // Refines the state ("awaiting_goods": pending until the returned goods arrive).
    stage?: string;
    status: string;
    needs_approval?: boolean;

    // The buttons the customer may press now; absent once the card is settled.
    actions?: string[];
}

export interface Handoff {
    conversation_id: string;
    customer: string;
    title: string;
    fields: Array<{title: string; value: string; short?: boolean}>;
    footer?: string;
}

export interface CSAT {
    conversation_id: string;
    score: number;
}

export interface Card {
    kind: CardKind;
    price?: Price;
    product?: Product;
    compare?: {products: Product[]};
    refund?: Refund;
    handoff?: Handoff;
    csat?: CSAT;
}

export interface View {
    v: number;
    lang: string;
    text?: string;
    cards: Card[];
}

// The slice of a Mattermost post the components read.
export interface HostPost {
    id: string;
    message: string;
    type?: string;
    props?: Record<string, unknown>;
}

// readView returns the post's view, or null for a missing or unknown version (the caller
// then shows the Markdown message the server wrote for clients without the plugin).
export function readView(post: HostPost): View | null {
    const raw = post.props?.[VIEW_PROP];
    if (!raw || typeof raw !== 'object') {
        return null;
    }
    const v = raw as Partial<View>;
    if (v.v !== VIEW_VERSION || !Array.isArray(v.cards)) {
        return null;
    }
    return {v: v.v, lang: v.lang ?? 'en', text: v.text, cards: v.cards};
}
