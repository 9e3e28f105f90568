// Entry point of the webapp bundle: Mattermost loads dist/main.js and this registers the plugin.
import React from 'react';

import {ConciergeClient} from './api/client';
import {CARD_KINDS, postType, STREAMED_POST_TYPE, type HostPost} from './cards/types';
import {ConnectedPostCard, ConnectedRHS, LocalizedText} from './components/connected';
import {createEvents, eventFromMessage, FAQ_WS_EVENT, faqEventFromMessage, WS_EVENT} from './events';
import HeaderIcon from './components/HeaderIcon';
import {registerConsole, type AdminConsoleRegistry} from './console/register';
import {getSiteURL} from './host';
import {messageTables, normalizeLocale} from './i18n';
import {PLUGIN_ID} from './manifest';
import type {HostStore, PluginRegistry} from './mattermost';
import type {FAQEvent} from './types';

export default class Plugin {
    initialize(registry: PluginRegistry, store: HostStore): void {
        const client = new ConciergeClient({baseUrl: getSiteURL()});
        registerConsole(registry as PluginRegistry & AdminConsoleRegistry, store, client);

        // A component with no props: the host renders it itself, so the store and client are
        // captured here rather than passed in.
        const events = createEvents();
        const faqEvents = createEvents<FAQEvent>();
        const RHS = () => <ConnectedRHS store={store} client={client} events={events} faqEvents={faqEvents}/>;
        RHS.displayName = 'ConciergeRHS';

        const rhs = registry.registerRightHandSidebarComponent(RHS, <LocalizedText store={store} id='plugin.title'/>);

        registry.registerChannelHeaderButtonAction(
            <HeaderIcon/>,
            () => store.dispatch(rhs.toggleRHSPlugin),
            <LocalizedText store={store} id='header.dropdown'/>,
            <LocalizedText store={store} id='header.tooltip'/>,
        );

        // One component for every card kind; the post type names the main card, so a
        // client could style or filter by it.
        const Card = ({post}: {post: HostPost}) => <ConnectedPostCard store={store} client={client} post={post}/>;
        Card.displayName = 'ConciergeCard';
        for (const type of [...CARD_KINDS.map(postType), STREAMED_POST_TYPE]) {
            registry.registerPostTypeComponent?.(type, Card as React.ComponentType<{post: never}>);
        }

        // Only staff receive these (the server sends them to the staff channel's members).
        registry.registerWebSocketEventHandler?.(WS_EVENT, (msg) => {
            const e = eventFromMessage(msg);
            if (e) {
                events.emit(e);
            }
        });
        registry.registerWebSocketEventHandler?.(FAQ_WS_EVENT, (msg) => {
            const e = faqEventFromMessage(msg);
            if (e) {
                faqEvents.emit(e);
            }
        });

        // The same zh/en tables, for the host's own translated UI around the plugin.
        registry.registerTranslations?.((locale) => {
            const table = messageTables[normalizeLocale(locale)];
            return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
        });
    }
}

declare global {
    interface Window {
        registerPlugin(pluginId: string, plugin: Plugin): void;
    }
}

window.registerPlugin(PLUGIN_ID, new Plugin());
