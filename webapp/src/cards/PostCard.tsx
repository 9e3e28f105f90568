import React, {useState} from 'react';

import type {ConciergeClient} from '../api/client';
import type {Translator} from '../i18n';

import {Markdown} from './Markdown';
import {CompareCard, PriceCard, ProductCard} from './PriceCard';
import {RefundCard} from './RefundCard';
import {CSATCard, HandoffCard} from './SmallCards';
import {cardStyles} from './styles';
import {readView, type Card, type HostPost} from './types';

export interface PostCardProps {
    post: HostPost;
    t: Translator;
    client: Pick<ConciergeClient, 'postAction'>;
}

// What Mattermost renders for a custom_concierge_* post: the reply's words, then its
// cards. A post without a view of a version this bundle knows shows its message, the
// Markdown the server wrote for clients without the plugin.
export default function PostCard({post, t, client}: PostCardProps) {
    const view = readView(post);
    const [error, setError] = useState('');

    // A press waits for the post it was made on: any change of the post (the server's
    // update after the press) ends the wait, and the buttons come back if the card
    // still offers them.
    const propsKey = JSON.stringify(post.props?.concierge_view ?? null);
    const [busyFor, setBusyFor] = useState<string | null>(null);
    const busy = busyFor === propsKey;

    if (!view) {
        return <Markdown text={post.message}/>;
    }
    const press = (actionId: string) => {
        setBusyFor(propsKey);
        setError('');
        client.postAction(post.id, actionId).catch((e: unknown) => {
            setBusyFor(null);
            setError(t('card.failed', {message: e instanceof Error ? e.message : String(e)}));
        });
    };
    return (
        <div className='concierge-post' data-testid='concierge-post'>
            {view.text && <Markdown text={view.text} style={cardStyles.text}/>}
            {view.cards.map((c, i) => <OneCard key={i} card={c} t={t} onPress={press} busy={busy}/>)}
            {error && <p role='alert' style={cardStyles.error}>{error}</p>}
        </div>
    );
}

function OneCard({card, t, onPress, busy}: {card: Card; t: Translator; onPress: (id: string) => void; busy: boolean}) {
    switch (card.kind) {
    case 'price':
        return card.price ? <PriceCard price={card.price} t={t}/> : null;
    case 'product':
        return card.product ? <ProductCard product={card.product} t={t}/> : null;
    case 'compare':
        return card.compare ? <CompareCard products={card.compare.products} t={t}/> : null;
    case 'refund':
        return card.refund ? <RefundCard refund={card.refund} t={t} onPress={onPress} busy={busy}/> : null;
    case 'handoff':
        return card.handoff ? <HandoffCard handoff={card.handoff} t={t}/> : null;
    case 'csat':
        return card.csat ? <CSATCard csat={card.csat} t={t} onPress={onPress} busy={busy}/> : null;
    default:
        return null;
    }
}
