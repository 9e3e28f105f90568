// The minimal "Mattermost" page the bundle check loads: React and ReactDOM as globals (the
// webpack externals), a redux-like store with just the state the plugin reads, and a registry
// that records what the plugin registers instead of dispatching it into the real webapp.

// bundleURL: absolute URL of the plugin bundle; locale: the fake user's Mattermost locale.
export function hostPageHTML({bundleURL, reactURL, reactDOMURL, locale}) {
    const config = JSON.stringify({locale});
    return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>concierge bundle check</title>
<script src="${reactURL}"></script>
<script src="${reactDOMURL}"></script>
<script>
(function () {
    const config = ${config};
    const check = window.__check = {registrations: [], dispatched: [], pluginIds: [], errors: []};
    let state = {
        entities: {
            users: {currentUserId: 'check-user', profiles: {'check-user': {locale: config.locale}}},
            teams: {currentTeamId: 'check-team', teams: {'check-team': {name: 'check'}}},
            general: {config: {}},
        },
    };
    const listeners = new Set();
    window.__store = {
        getState: () => state,
        subscribe: (l) => { listeners.add(l); return () => listeners.delete(l); },
        dispatch: (action) => { check.dispatched.push(action); return action; },
    };
    window.__setLocale = (locale) => {
        state = {...state, entities: {...state.entities, users: {currentUserId: 'check-user', profiles: {'check-user': {locale}}}}};
        listeners.forEach((l) => l());
    };
    // Mattermost's registry takes positional arguments or one object with named fields (reArg);
    // the fake accepts both so the check does not depend on which form the plugin uses.
    function named(args, names) {
        const a = args[0];
        if (args.length === 1 && a && typeof a === 'object' && !window.React.isValidElement(a) && names.some((n) => n in a)) {
            return a;
        }
        const out = {};
        names.forEach((n, i) => { out[n] = args[i]; });
        return out;
    }
    let seq = 0;
    window.__registry = {
        registerRightHandSidebarComponent: (...args) => {
            const r = named(args, ['component', 'title']);
            const id = 'rhs-' + (++seq);
            check.registrations.push({kind: 'rhs', id, ...r});
            return {id, showRHSPlugin: {type: 'SHOW_RHS', id}, hideRHSPlugin: {type: 'HIDE_RHS', id}, toggleRHSPlugin: {type: 'TOGGLE_RHS', id}};
        },
        registerPostTypeComponent: (type, component) => {
            const id = 'post-' + (++seq);
            check.registrations.push({kind: 'postType', id, type, component});
            return id;
        },
        registerWebSocketEventHandler: (event, handler) => {
            check.registrations.push({kind: 'websocket', event, handler});
        },
        registerAdminConsoleCustomSetting: (key, component, options) => {
            check.registrations.push({kind: 'console', key, component, options});
        },
        registerTranslations: (get) => {
            check.registrations.push({kind: 'translations', get});
        },
        registerChannelHeaderButtonAction: (...args) => {
            const r = named(args, ['icon', 'action', 'dropdownText', 'tooltipText']);
            const id = 'hdr-' + (++seq);
            check.registrations.push({kind: 'channelHeaderButton', id, ...r});
            return id;
        },
    };
    window.plugins = {};
    window.registerPlugin = (id, plugin) => {
        check.pluginIds.push(id);
        window.plugins[id] = plugin;
    };
    window.addEventListener('error', (e) => check.errors.push(String(e.message || e)));
    const postRoots = {};
    window.__renderPost = (post) => {
        const reg = check.registrations.find((r) => r.kind === 'postType' && r.type === post.type);
        if (!reg) {
            return false;
        }
        let root = postRoots[post.id];
        if (!root) {
            const el = document.createElement('div');
            el.id = 'post-' + post.id;
            el.style.margin = '8px 0';
            document.getElementById('posts').appendChild(el);
            root = postRoots[post.id] = window.ReactDOM.createRoot(el);
        }
        root.render(window.React.createElement(reg.component, {post}));
        return true;
    };
    window.__postShown = (id) => Boolean(postRoots[id]);
})();
</script>
</head>
<body>
<div id="title"></div>
<div id="header-button"></div>
<div id="rhs" style="width: 400px; min-height: 700px; border: 1px solid #ccc"></div>
<div id="posts" style="width: 560px; padding: 8px"></div>
<div id="console" style="width: 880px; padding: 8px"></div>
<script>
// Loaded the way Mattermost's loadPlugin does it: a script tag, then initialize on load.
window.__bundleLoaded = new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = ${JSON.stringify(bundleURL)};
    s.onload = () => resolve({ok: true});
    s.onerror = () => resolve({ok: false});
    document.head.appendChild(s);
});
</script>
</body>
</html>`;
}

// Runs in the page after the bundle loaded: initializes the plugin and mounts what it registered.
export function mountRegistrations(pluginId) {
    const check = window.__check;
    const plugin = window.plugins[pluginId];
    if (!plugin || typeof plugin.initialize !== 'function') {
        return {initialized: false, registrations: []};
    }
    plugin.initialize(window.__registry, window.__store);
    const h = window.React.createElement;
    const rhs = check.registrations.find((r) => r.kind === 'rhs');
    const btn = check.registrations.find((r) => r.kind === 'channelHeaderButton');
    if (rhs) {
        window.ReactDOM.createRoot(document.getElementById('rhs')).render(h(rhs.component));
        window.ReactDOM.createRoot(document.getElementById('title')).render(h('span', null, rhs.title));
    }
    if (btn) {
        window.ReactDOM.createRoot(document.getElementById('header-button')).render(
            h('button', {type: 'button', title: 'header', onClick: btn.action}, btn.icon, h('span', {id: 'tooltip'}, btn.tooltipText)),
        );
    }
    return {
        initialized: true,
        registrations: check.registrations.map((r) => ({
            kind: r.kind,
            type: r.type,
            event: r.event,
            key: r.key,
            componentIsFunction: typeof r.component === 'function',
            actionIsFunction: typeof r.action === 'function',
        })),
    };
}

// Runs in the page: renders a post (as the REST API returns it) with the component the
// plugin registered for its type, in #post-<id>, the way Mattermost's post list does; a
// second call with the updated post re-renders it (the host does so on "post_edited",
// which connectSocket hands here).
export function renderPost(post) {
    return window.__renderPost(post);
}

// Runs in the page: renders every System Console page the plugin registered, each in
// #console-<key>, as the System Console renders a custom setting (no props the pages read).
export function mountConsole() {
    const keys = [];
    for (const r of window.__check.registrations.filter((x) => x.kind === 'console')) {
        const el = document.createElement('section');
        el.id = 'console-' + r.key;
        el.style.margin = '0 0 16px';
        document.getElementById('console').appendChild(el);
        window.ReactDOM.createRoot(el).render(window.React.createElement(r.component));
        keys.push(r.key);
    }
    return keys;
}

// Runs in the page: opens the Mattermost websocket with the page's session (the cookie),
// hands every event the plugin registered a handler for to that handler and re-renders a
// post shown when it is edited, as the Mattermost webapp does. Resolves with true once the server said hello (from then on no event is
// missed), or with why the socket closed.
export function connectSocket(wsURL) {
    return new Promise((resolve) => {
        const ws = new WebSocket(wsURL);
        window.__socketEvents = [];
        ws.onmessage = (m) => {
            const msg = JSON.parse(m.data);
            if (msg.event === 'hello') {
                resolve(true);
                return;
            }
            window.__socketEvents.push(msg.event);
            if (msg.event === 'post_edited') {
                const post = JSON.parse(msg.data.post);
                if (window.__postShown(post.id)) {
                    window.__renderPost(post);
                }
            }
            window.__check.registrations.filter((r) => r.kind === 'websocket' && r.event === msg.event).forEach((r) => r.handler(msg));
        };
        ws.onclose = (e) => resolve(`closed ${e.code} ${e.reason}`);
    });
}
