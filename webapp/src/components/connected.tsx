// Glue between the host's redux store and the presentational components: the locale and the
// current team follow the store, so switching the display language re-renders the console.
import React, {useSyncExternalStore} from 'react';

import type {ConciergeClient} from '../api/client';
import {getSiteURL, navigateInApp} from '../host';
import {localeFromState, translate, type Locale, type MessageKey} from '../i18n';
import {currentTeamName, type HostStore} from '../mattermost';

import type {Events} from '../events';
import {translator} from '../i18n';
import PostCard from '../cards/PostCard';
import type {HostPost} from '../cards/types';
import type {FAQEvent} from '../types';

import ConciergeRHS from './ConciergeRHS';

export function useStoreLocale(store: HostStore): Locale {
    return useSyncExternalStore(store.subscribe, () => localeFromState(store.getState()));
}

function useTeamName(store: HostStore): string | undefined {
    return useSyncExternalStore(store.subscribe, () => currentTeamName(store.getState()));
}

export function LocalizedText({store, id}: {store: HostStore; id: MessageKey}) {
    const locale = useStoreLocale(store);
    return <>{translate(locale, id)}</>;
}

export function ConnectedRHS({store, client, events, faqEvents}: {
    store: HostStore;
    client: ConciergeClient;
    events?: Events;
    faqEvents?: Events<FAQEvent>;
}) {
    const locale = useStoreLocale(store);
    const teamName = useTeamName(store);
    return (
        <ConciergeRHS
            client={client}
            locale={locale}
            siteURL={getSiteURL()}
            teamName={teamName}
            onNavigate={navigateInApp}
            subscribe={events?.subscribe}
            subscribeFAQ={faqEvents?.subscribe}
        />
    );
}

// A card post in the reader's language (the labels; the words of the reply are the bot's).
export function ConnectedPostCard({store, client, post}: {store: HostStore; client: ConciergeClient; post: HostPost}) {
    const locale = useStoreLocale(store);
    return <PostCard post={post} t={translator(locale)} client={client}/>;
}
