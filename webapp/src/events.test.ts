import {describe, expect, it, vi} from 'vitest';

import {createEvents, eventFromMessage, faqEventFromMessage} from './events';

describe('events', () => {
    it('reads the plugin payload of a websocket message and ignores anything else', () => {
        expect(eventFromMessage({event: 'custom_concierge_conversation', data: {conversation_id: 'c1', state: 'human', event: 'taken_over'}}))
            .toEqual({conversation_id: 'c1', state: 'human', event: 'taken_over'});
        expect(eventFromMessage({data: {state: 'human'}})).toBeNull();
        expect(eventFromMessage(null)).toBeNull();
    });

    it('reads an FAQ proposal event and ignores a conversation one', () => {
        expect(faqEventFromMessage({event: 'custom_concierge_faq', data: {proposal_id: 'p1', event: 'approved'}}))
            .toEqual({proposal_id: 'p1', event: 'approved'});
        expect(faqEventFromMessage({data: {conversation_id: 'c1', state: 'human', event: 'taken_over'}})).toBeNull();
    });

    it('delivers to subscribers until they unsubscribe', () => {
        const ev = createEvents();
        const l = vi.fn();
        const off = ev.subscribe(l);
        ev.emit({conversation_id: 'c1', state: 'bot', event: 'new'});
        off();
        ev.emit({conversation_id: 'c2', state: 'bot', event: 'new'});
        expect(l).toHaveBeenCalledTimes(1);
    });
});
