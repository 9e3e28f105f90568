// The plugin id is fixed by SPEC §1; the server routes and the static bundle path derive from it.
export const PLUGIN_ID = 'concierge';

export const API_PREFIX = `/plugins/${PLUGIN_ID}/api/v1`;
