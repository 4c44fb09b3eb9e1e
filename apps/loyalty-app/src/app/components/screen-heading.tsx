import { useEffect, useRef } from 'react';

/**
 * The screen's title, focused when the screen opens: after a tab change a screen reader starts
 * reading the new screen, and keyboard users continue from there.
 */
export function ScreenHeading({ children, focus = true }: { children: string; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <h1 className="screen-title" tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}
