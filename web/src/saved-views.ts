// Saved views are just named URLs of the findings explorer, kept in this browser only.

export interface SavedView {
  name: string;
  url: string;
}

const KEY = 'rampart.savedViews';

export function loadViews(): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView => typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.url === 'string' && v.url.startsWith('/findings'),
    );
  } catch {
    // Storage edited by hand or by another app: start over rather than break the page.
    return [];
  }
}

/** Saving under an existing name replaces that view. */
export function saveView(view: SavedView): SavedView[] {
  const views = [...loadViews().filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
  localStorage.setItem(KEY, JSON.stringify(views));
  return views;
}

export function deleteView(name: string): SavedView[] {
  const views = loadViews().filter((v) => v.name !== name);
  localStorage.setItem(KEY, JSON.stringify(views));
  return views;
}
