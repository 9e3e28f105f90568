// What the plugin reads from the Mattermost page around it. Mattermost sets window.basename
// when it is served under a subpath and exposes its router as window.WebappUtils.browserHistory;
// both are optional so the bundle also works in the e2e host page and in tests.

interface HostWindow {
    basename?: string;
    WebappUtils?: {browserHistory?: {push: (path: string) => void}};
}

function hostWindow(): HostWindow | undefined {
    return typeof window === 'undefined' ? undefined : window as unknown as HostWindow;
}

export function getSiteURL(): string {
    const w = hostWindow();
    if (!w) {
        return '';
    }
    const base = (w.basename ?? '').replace(/\/+$/, '');
    return `${window.location.origin}${base}`;
}

// Navigates inside the single-page app when the host router is there (no full reload);
// returns false so the caller lets the browser follow the link otherwise.
export function navigateInApp(path: string): boolean {
    const history = hostWindow()?.WebappUtils?.browserHistory;
    if (!history) {
        return false;
    }
    history.push(path);
    return true;
}
