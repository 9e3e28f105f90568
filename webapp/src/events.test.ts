import {describe, expect, it, vi} from 'vitest';

import {createEvents, eventFromMessage} from './events';

describe('events', () => {
    it('reads the plugin payload of a websocket message and ignores anything else', () => {
        expect(eventFromMessage({event: 'custom_concierge_conversation', data: {conversation_id: 'c1', state: 'human', event: 'taken_over'}}))
            .toEqual({conversation_id: 'c1', state: 'human', event: 'taken_over'});
        expect(eventFromMessage({data: {state: 'human'}})).toBeNull();
        expect(eventFromMessage(null)).toBeNull();
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
