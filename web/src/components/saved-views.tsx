import { useState } from 'preact/hooks';
import { Link } from '../router.tsx';
import { deleteView, loadViews, saveView, type SavedView } from '../saved-views.ts';

/** Save the current explorer URL under a name; the list links back to each saved view. */
export function SavedViews({ currentUrl }: { currentUrl: string }) {
  const [views, setViews] = useState<SavedView[]>(loadViews);
  const [name, setName] = useState('');
  const save = (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    setViews(saveView({ name: name.trim(), url: currentUrl }));
    setName('');
  };
  return (
    <section class="saved-views card" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title">Saved views</h2>
      <form onSubmit={save} class="inline-form">
        <label>
          <span class="sr-only">View name</span>
          <input type="text" name="viewName" placeholder="View name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!name.trim()}>
          Save view
        </button>
      </form>
      {views.length === 0 ? (
        <p class="muted">No saved views in this browser yet.</p>
      ) : (
        <ul class="view-list">
          {views.map((v) => (
            <li key={v.name}>
              <Link href={v.url} aria-current={v.url === currentUrl ? 'page' : undefined}>
                {v.name}
              </Link>
              <button type="button" class="link" aria-label={`Delete view ${v.name}`} onClick={() => setViews(deleteView(v.name))}>
                delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
