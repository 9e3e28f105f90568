// Wire types of the staff endpoints (SPEC §6). Kept separate from the components so the
// API client and the tests share one definition.

export const CONVERSATION_STATES = ['bot', 'waiting_human', 'human', 'resolved'] as const;

export type ConversationState = typeof CONVERSATION_STATES[number];

export interface Conversation {
    id: string;
    customer: string;
    channel_id: string;

    // Empty for a conversation that is a whole channel (a DM with the bot).
    root_id?: string;

    // The handoff card's post in the staff channel, once handed off: a DM's only
    // place staff can read and answer (the bot relays both ways).
    staff_post_id?: string;

    // thread | dm | channel (server's conversation kind).
    kind?: string;
    state: ConversationState;

    // The server may send epoch milliseconds or an RFC 3339 string; both are accepted.
    updated_at: number | string;
}

export interface ConversationsResponse {
    conversations: Conversation[];

    // Present when more conversations follow: the cursor of the next page.
    next_cursor?: string;
}

export interface Stats {
    conversations: number;
    resolved_by_bot: number;
    handed_off: number;

    // A fraction 0..1 (SPEC §6); shown as a percentage.
    handoff_rate: number;

    // Absent or null while no customer has rated a conversation.
    csat_avg?: number | null;
    csat_count?: number;

    // Mean seconds from handoff to the first staff action; null while nobody was taken.
    time_to_human_seconds?: number | null;
    tool_errors?: number;
    model_fallbacks?: number;
}

export function isConversationState(value: string): value is ConversationState {
    return (CONVERSATION_STATES as readonly string[]).includes(value);
}

// GET /conversations/{id}/customer: who the customer is, for staff.
export interface CustomerCard {
    customer: string;
    tier?: string;
    orders: Array<{id: string; status: string; currency: string; total: number; items: string[]}>;
    conversations: number;
    handoffs: number;

    // Sizes told in the customer's conversations and the size recommended from them.
    sizes?: Array<{product: string; wears?: string; foot_mm?: number; recommended: string}>;

    // The customer's other conversations handed to staff, newest first.
    past_handoffs?: Array<{conversation_id: string; at: string; reason?: string; state: ConversationState; csat?: number}>;
}

// GET /faq/proposals: FAQ entries waiting for review, in the panel or on their card
// (post_id) in the staff channel.
export interface FAQProposal {
    id: string;
    question: string;
    answer: string;
    lang: string;
    post_id?: string;
    state?: string;
    decided_by?: string;
    created_at: string;
}

export type FAQDecision = 'approve' | 'reject';

// The websocket event the plugin sends staff when a proposal is posted or decided.
export interface FAQEvent {
    proposal_id: string;
    event: string;
}

// The websocket event the plugin sends staff on every conversation change.
export interface ConversationEvent {
    conversation_id: string;
    state: ConversationState;
    event: string;
}
