/**
 * Room for a section that opens. Lumino's accordion gives an opened section back the
 * height it had when it closed, which for a section closed at start is a sliver: the
 * section opens, and shows nothing. An opened section gets at least what its content
 * needs (up to half the space), taken from the other open sections in proportion to
 * what they have above a floor, so none of them shrinks to nothing either.
 */
import { AccordionPanel } from '@lumino/widgets';

/** Below this, an open section shows too little to be of use. */
export const SECTION_FLOOR = 96;

/**
 * New heights (in pixels) giving section `index` at least `want`, or null when it has
 * that already or no other section can give any.
 */
export function roomFor(
  sizes: readonly number[],
  open: readonly boolean[],
  index: number,
  want: number,
  floor = SECTION_FLOOR
): number[] | null {
  const deficit = want - sizes[index];
  if (deficit <= 0) {
    return null;
  }
  const spare = sizes.map((size, i) =>
    i !== index && open[i] ? Math.max(0, size - floor) : 0
  );
  const total = spare.reduce((sum, s) => sum + s, 0);
  if (total <= 0) {
    return null;
  }
  const taken = Math.min(deficit, total);
  return sizes.map((size, i) =>
    i === index ? size + taken : size - (taken * spare[i]) / total
  );
}

/** Space for the sections' bodies, their heights, and how much the one at `index` wants. */
function measure(accordion: AccordionPanel, index: number, share: number) {
  const titles = accordion.titles.reduce(
    (sum, title) => sum + title.offsetHeight,
    0
  );
  const space = accordion.node.clientHeight - titles;
  const sizes = accordion.relativeSizes().map(r => r * space);
  const want = Math.min(
    space * share,
    Math.max(SECTION_FLOOR * 2, accordion.widgets[index].node.scrollHeight)
  );
  return { space, sizes, want };
}

/**
 * Make room for the section at `index` of an accordion that has just opened it, up to
 * `share` of the space; true when it has what it wants.
 */
export function makeRoom(
  accordion: AccordionPanel,
  index: number,
  share = 0.5
): boolean {
  const widget = accordion.widgets[index];
  if (!widget || widget.isHidden) {
    return false;
  }
  const { space, sizes, want } = measure(accordion, index, share);
  if (space <= 0) {
    return false;
  }
  const open = accordion.widgets.map(w => !w.isHidden);
  const next = roomFor(sizes, open, index, want);
  if (next) {
    accordion.setRelativeSizes(next.map(size => size / space));
  }
  return (next ?? sizes)[index] >= want - 1;
}

/**
 * Open the section at `index` because the user asked to see it (a command, a menu): it
 * may take up to three quarters of the space, and when the open sections cannot give it
 * that, the ones furthest from it close, as a user would close them to see it; their
 * headers stay, one click away.
 */
export function openWithRoom(accordion: AccordionPanel, index: number): void {
  if (accordion.widgets[index]?.isHidden) {
    accordion.expand(index);
  }
  const byDistance = accordion.widgets
    .map((_, i) => i)
    .filter(i => i !== index)
    .sort((a, b) => Math.abs(b - index) - Math.abs(a - index));
  for (const other of byDistance) {
    if (makeRoom(accordion, index, 0.75)) {
      return;
    }
    if (!accordion.widgets[other].isHidden) {
      accordion.collapse(other);
    }
  }
}
