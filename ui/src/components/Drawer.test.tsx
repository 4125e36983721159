import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Drawer } from './Drawer';

describe('Drawer', () => {
  it('keeps focus where the user put it when its parent re-renders', async () => {
    const user = userEvent.setup();
    const { rerender } = render(
      <Drawer open title="Import" onClose={() => undefined}>
        <button type="button">Stop</button>
      </Drawer>,
    );
    expect(screen.getByRole('dialog', { name: 'Import' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    rerender(
      <Drawer open title="Import" onClose={() => undefined}>
        <button type="button">Stop</button>
      </Drawer>,
    );
    expect(screen.getByRole('button', { name: 'Stop' }), 'a new onClose must not steal focus').toHaveFocus();
  });

  it('closes on Escape with the latest handler and gives focus back', async () => {
    const user = userEvent.setup();
    const first = vi.fn();
    const latest = vi.fn();
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const { rerender } = render(
      <Drawer open title="Passages" onClose={first}>
        text
      </Drawer>,
    );
    rerender(
      <Drawer open title="Passages" onClose={latest}>
        text
      </Drawer>,
    );
    await user.keyboard('{Escape}');
    expect(latest).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
    rerender(
      <Drawer open={false} title="Passages" onClose={latest}>
        text
      </Drawer>,
    );
    expect(opener).toHaveFocus();
    opener.remove();
  });
});
