// The plugin's websocket events, handed from the host's handler to whoever listens (the
// staff panel). The host calls the handler for every such event; the panel subscribes
// while it is mounted.
import type {ConversationEvent} from './types';

export const WS_EVENT = 'custom_concierge_conversation';

export type Listener = (e: ConversationEvent) => void;

export interface Events {
    subscribe(l: Listener): () => void;
    emit(e: ConversationEvent): void;
}

export function createEvents(): Events {
    const listeners = new Set<Listener>();
    return {
        subscribe(l) {
            listeners.add(l);
            return () => {
                listeners.delete(l);
            };
        },
        emit(e) {
            listeners.forEach((l) => l(e));
        },
    };
}

// Mattermost hands the handler {event, data, broadcast}; data is the plugin's payload.
export function eventFromMessage(msg: unknown): ConversationEvent | null {
    const data = (msg as {data?: Partial<ConversationEvent>} | null)?.data;
    if (!data || typeof data.conversation_id !== 'string' || typeof data.state !== 'string') {
        return null;
    }
    return {conversation_id: data.conversation_id, state: data.state, event: String(data.event ?? '')};
}
