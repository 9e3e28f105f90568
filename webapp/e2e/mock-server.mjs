// A stand-in for the few Mattermost routes the bundle check touches, so the check can run (and
// be checked) without a server: the webapp plugin list, the static bundle, and the two staff
// endpoints of SPEC §6. It serves the real dist/main.js under the same hashed name Mattermost
// would give it.
import http from 'node:http';
import {readFile} from 'node:fs/promises';

// Mattermost names a plugin bundle <id>_<fnv1a-64 of the file, hex>_bundle.js (plugin/environment.go).
export function fnv1a64Hex(buf) {
    let h = 0xcbf29ce484222325n;
    const prime = 0x100000001b3n;
    for (const byte of buf) {
        h ^= BigInt(byte);
        h = (h * prime) & 0xffffffffffffffffn;
    }
    return h.toString(16).padStart(16, '0');
}

const day = 24 * 3600 * 1000;

function fixtures(now) {
    return {
        conversations: [
            {id: 'm1', customer: 'alice', channel_id: 'chan-shop', root_id: 'root-alice', state: 'waiting_human', updated_at: now - 60_000},
            {id: 'm2', customer: '小王', channel_id: 'chan-dm', root_id: '', state: 'waiting_human', updated_at: now - 3_600_000},
            {id: 'm3', customer: 'bob', channel_id: 'chan-shop', root_id: 'root-bob', state: 'human', updated_at: now - day},
            {id: 'm4', customer: 'carol', channel_id: 'chan-shop', root_id: 'root-carol', state: 'bot', updated_at: now - 2 * day},
            {id: 'm5', customer: 'dave', channel_id: 'chan-shop', root_id: 'root-dave', state: 'resolved', updated_at: now - 3 * day},
        ],
        stats: {conversations: 120, resolved_by_bot: 96, handed_off: 24, handoff_rate: 0.2, csat_avg: 4.6},
    };
}

// role: 'staff' answers the staff endpoints, 'customer' gets 403, 'anonymous' 401 (SPEC §6).
export async function startMockServer({bundleFile, pluginId = 'concierge', role = 'staff'}) {
    const bundle = await readFile(bundleFile);
    const bundleName = `${pluginId}_${fnv1a64Hex(bundle)}_bundle.js`;
    const data = fixtures(Date.now());
    const apiRequests = [];

    const send = (res, status, body, type = 'application/json') => {
        res.writeHead(status, {'Content-Type': type});
        res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };

    const server = http.createServer((req, res) => {
        const url = new URL(req.url, 'http://mock');
        if (req.method === 'GET' && url.pathname === '/api/v4/plugins/webapp') {
            // The client manifest carries the pre-rewrite path; the webapp maps /static/ to /static/plugins/.
            return send(res, 200, [{id: pluginId, version: '0.0.0-mock', webapp: {bundle_path: `/static/${pluginId}/${bundleName}`}}]);
        }
        if (req.method === 'GET' && url.pathname === `/static/plugins/${pluginId}/${bundleName}`) {
            return send(res, 200, bundle, 'text/javascript; charset=utf-8');
        }
        const prefix = `/plugins/${pluginId}/api/v1`;
        if (url.pathname.startsWith(prefix)) {
            apiRequests.push({method: req.method, path: url.pathname + url.search, headers: req.headers});
            if (role === 'anonymous') {
                return send(res, 401, {error: 'not logged in'});
            }
            if (role === 'customer') {
                return send(res, 403, {error: 'staff only'});
            }
            const route = url.pathname.slice(prefix.length);
            if (req.method === 'GET' && route === '/conversations') {
                const state = url.searchParams.get('state');
                return send(res, 200, {conversations: data.conversations.filter((c) => !state || c.state === state)});
            }
            if (req.method === 'GET' && route === '/stats') {
                return send(res, 200, data.stats);
            }
        }
        return send(res, 404, {error: 'not found'});
    });

    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const {port} = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        apiRequests,
        close: () => new Promise((resolve) => server.close(resolve)),
    };
}
