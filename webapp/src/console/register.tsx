// Registers the System Console pages as custom settings (plugin.json settings_schema entries
// of type "custom" with these keys). The host renders each with its own props; the locale
// follows the host store and the API client is captured here.
import React, {useSyncExternalStore} from 'react';

import type {ConciergeClient} from '../api/client';
import {localeFromState} from '../i18n';
import type {HostStore} from '../mattermost';

import Analytics from './Analytics';
import {ConsoleApi} from './api';
import KnowledgeImport from './KnowledgeImport';
import ModelTest from './ModelTest';

// The keys of the custom settings in plugin.json.
export const CONSOLE_SETTINGS = {
    knowledge: 'KnowledgeImport',
    model: 'ModelConnection',
    analytics: 'Analytics',
} as const;

export interface AdminConsoleRegistry {
    registerAdminConsoleCustomSetting?(key: string, component: React.ComponentType<unknown>, options?: {showTitle?: boolean}): void;
}

export function registerConsole(registry: AdminConsoleRegistry, store: HostStore, client: ConciergeClient): void {
    // A host without System Console hooks (the e2e host page, a very old server) gets none.
    const register = registry.registerAdminConsoleCustomSetting?.bind(registry);
    if (!register) {
        return;
    }
    const api = new ConsoleApi(client);
    const useLocale = () => useSyncExternalStore(store.subscribe, () => localeFromState(store.getState()));

    const Knowledge = () => <KnowledgeImport api={api} locale={useLocale()}/>;
    Knowledge.displayName = 'ConciergeKnowledgeImport';
    const Model = () => <ModelTest api={api} locale={useLocale()}/>;
    Model.displayName = 'ConciergeModelTest';
    const Charts = () => <Analytics api={api} locale={useLocale()}/>;
    Charts.displayName = 'ConciergeAnalytics';

    register(CONSOLE_SETTINGS.knowledge, Knowledge, {showTitle: true});
    register(CONSOLE_SETTINGS.model, Model, {showTitle: true});
    register(CONSOLE_SETTINGS.analytics, Charts, {showTitle: true});
}
