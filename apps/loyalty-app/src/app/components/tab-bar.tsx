import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { hrefOf, ROUTES, type Route } from '../routes.js';

// Simple line icons, drawn inline: no icon font or image to fetch.
const icons: Record<Route, ReactNode> = {
  home: <path d="M4 11l8-7 8 7v9h-5v-6H9v6H4z" />,
  history: <path d="M12 7v5l3 2M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4" />,
  receipts: <path d="M6 3h12v18l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5L6 21zM9 8h6M9 12h6M9 16h3" />,
  card: <path d="M3 6h18v12H3zM3 10h18M7 15h4" />,
};

export function TabBar({ current }: { current: Route }) {
  const { t } = useI18n();
  return (
    <nav className="tab-bar" aria-label={t.app.sections}>
      <ul>
        {ROUTES.map((route) => (
          <li key={route}>
            <a href={hrefOf(route)} aria-current={route === current ? 'page' : undefined}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                {icons[route]}
              </svg>
              <span>{t.nav[route]}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
