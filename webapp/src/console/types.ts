// Wire types of the System Console's routes (server/api/console.go) and of the imports'
// answers (SPEC §6 POST /catalog, /orders).

export type ImportKind = 'catalog' | 'orders';

export interface ImportInfo {
    imported_at: string;
    counts: Record<string, number>;
}

export interface KnowledgeStatus {
    catalog: ImportInfo | null;
    orders: ImportInfo | null;
    index: {ready: boolean; building: boolean; docs: number; built_at?: string; last_error?: string};
}

// One problem of a refused document, with its JSON path ("products[0].skus[1].price").
export interface ImportDetail {
    path: string;
    message: string;
}

export type ImportResult =
    | {ok: true; counts: Record<string, number>}
    | {ok: false; status: number; error: string; details: ImportDetail[]};

export interface ModelCheck {
    configured: boolean;
    ok: boolean;
    model?: string;
    latency_ms: number;
    kind?: string;
    status?: number;
    message?: string;
}

export interface DayPoint {
    date: string;
    conversations: number;
    handed_off: number;
    handoff_rate: number;
    resolved_by_bot: number;
    resolved_by_human: number;
    csat_count: number;
    csat_avg: number | null;
}

export interface Series {
    time_zone: string;
    days: DayPoint[];
    hours: number[];
    topics: Array<{topic: string; conversations: number}>;
}
