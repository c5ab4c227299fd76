// Where and whether the in-meeting overlay shows.
import { Toggle } from './fields';
import type { SectionProps } from './options-app';

export function OverlaySection({ settings, update }: SectionProps) {
  const overlay = settings.overlay;
  const save = (change: Partial<typeof overlay>) => void update((s) => ({ ...s, overlay: { ...s.overlay, ...change } }));
  return (
    <section id="overlay" className="options-section" aria-labelledby="overlay-title">
      <h2 id="overlay-title">Overlay in meetings</h2>
      <Toggle
        label="Show the overlay"
        description="Off: the coach still measures; see the results in the toolbar popup."
        checked={overlay.visible}
        onChange={(visible) => save({ visible })}
      />
      <Toggle
        label="Start collapsed"
        description="Show only your talk share until you expand it."
        checked={overlay.collapsed}
        onChange={(collapsed) => save({ collapsed })}
      />
      <div className="field">
        <span>Position: {overlay.position ? `moved to ${overlay.position.x}, ${overlay.position.y}` : 'bottom-right corner'}</span>{' '}
        <button type="button" className="button" disabled={!overlay.position} onClick={() => save({ position: null })}>
          Reset position
        </button>
        <p className="small muted">Drag the overlay by its handle, or focus the handle and use the arrow keys.</p>
      </div>
      <h3>Hidden on</h3>
      {overlay.hiddenOn.length === 0 ? (
        <p className="muted small">No site. Use × on the overlay to hide it on one site.</p>
      ) : (
        <ul className="plain-list">
          {overlay.hiddenOn.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button
                type="button"
                className="button"
                aria-label={`Show the overlay on ${host} again`}
                onClick={() => save({ hiddenOn: overlay.hiddenOn.filter((h) => h !== host) })}
              >
                Show again
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
