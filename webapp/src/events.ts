// The plugin's websocket events, handed from the host's handler to whoever listens (the
// staff panel). The host calls the handler for every such event; the panel subscribes
// while it is mounted.
import type {ConversationEvent, FAQEvent} from './types';

export const WS_EVENT = 'custom_concierge_conversation';
export const FAQ_WS_EVENT = 'custom_concierge_faq';

export type Listener<T = ConversationEvent> = (e: T) => void;

export interface Events<T = ConversationEvent> {
    subscribe(l: Listener<T>): () => void;
    emit(e: T): void;
}

export function createEvents<T = ConversationEvent>(): Events<T> {
    const listeners = new Set<Listener<T>>();
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
function payload<T>(msg: unknown): Partial<T> | undefined {
    return (msg as {data?: Partial<T>} | null)?.data;
}

export function eventFromMessage(msg: unknown): ConversationEvent | null {
    const data = payload<ConversationEvent>(msg);
    if (!data || typeof data.conversation_id !== 'string' || typeof data.state !== 'string') {
        return null;
    }
    return {conversation_id: data.conversation_id, state: data.state, event: String(data.event ?? '')};
}

export function faqEventFromMessage(msg: unknown): FAQEvent | null {
    const data = payload<FAQEvent>(msg);
    if (!data || typeof data.proposal_id !== 'string' || typeof data.event !== 'string') {
        return null;
    }
    return {proposal_id: data.proposal_id, event: data.event};
}
