// Entry point of the webapp bundle: Mattermost loads dist/main.js and this registers the plugin.
import React from 'react';

import {ConciergeClient} from './api/client';
import {ConnectedRHS, LocalizedText} from './components/connected';
import HeaderIcon from './components/HeaderIcon';
import {registerConsole, type AdminConsoleRegistry} from './console/register';
import {getSiteURL} from './host';
import {PLUGIN_ID} from './manifest';
import type {HostStore, PluginRegistry} from './mattermost';

export default class Plugin {
    initialize(registry: PluginRegistry, store: HostStore): void {
        const client = new ConciergeClient({baseUrl: getSiteURL()});
        registerConsole(registry as PluginRegistry & AdminConsoleRegistry, store, client);

        // A component with no props: the host renders it itself, so the store and client are
        // captured here rather than passed in.
        const RHS = () => <ConnectedRHS store={store} client={client}/>;
        RHS.displayName = 'ConciergeRHS';

        const rhs = registry.registerRightHandSidebarComponent(RHS, <LocalizedText store={store} id='plugin.title'/>);

        registry.registerChannelHeaderButtonAction(
            <HeaderIcon/>,
            () => store.dispatch(rhs.toggleRHSPlugin),
            <LocalizedText store={store} id='header.dropdown'/>,
            <LocalizedText store={store} id='header.tooltip'/>,
        );
    }
}

declare global {
    interface Window {
        registerPlugin(pluginId: string, plugin: Plugin): void;
    }
}

window.registerPlugin(PLUGIN_ID, new Plugin());
