// The slice of Mattermost's webapp plugin API this plugin uses. The host's own types live in
// the Mattermost monorepo, which is far too heavy a dependency for a handful of signatures.
import type React from 'react';

import type {LocaleState} from './i18n';

export interface HostState extends LocaleState {
    entities?: LocaleState['entities'] & {
        teams?: {
            currentTeamId?: string;
            teams?: Record<string, {name?: string} | undefined>;
        };
    };
}

export interface HostStore {
    getState(): HostState;
    subscribe(listener: () => void): () => void;
    dispatch(action: unknown): unknown;
}

export interface RHSRegistration {
    id: string;
    showRHSPlugin: unknown;
    hideRHSPlugin: unknown;
    toggleRHSPlugin: unknown;
}

export interface PluginRegistry {
    registerChannelHeaderButtonAction(
        icon: React.ReactNode,
        action: () => void,
        dropdownText: React.ReactNode,
        tooltipText: React.ReactNode,
    ): string;
    registerRightHandSidebarComponent(component: React.ComponentType, title: React.ReactNode): RHSRegistration;

    // Renders posts of a custom_* type; the host passes {post, ...}.
    registerPostTypeComponent?(type: string, component: React.ComponentType<{post: never}>): string;

    // Custom websocket events, named custom_<plugin id>_<event>.
    registerWebSocketEventHandler?(event: string, handler: (msg: unknown) => void): void;

    // Strings for the host's react-intl, per locale.
    registerTranslations?(getTranslations: (locale: string) => Record<string, string>): void;
}

export function currentTeamName(state: HostState): string | undefined {
    const teams = state.entities?.teams;
    const id = teams?.currentTeamId;
    return id ? teams?.teams?.[id]?.name : undefined;
}
