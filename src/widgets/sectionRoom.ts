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
 * Which other sections close, and the heights after, for section `index` to get `want`:
 * slivers (under half the floor) close first, then, while it still lacks room, the open
 * sections furthest from it.
 */
export function planOpen(
  sizes: readonly number[],
  open: readonly boolean[],
  index: number,
  want: number,
  floor = SECTION_FLOOR
): { sizes: number[]; close: number[] } {
  const next = [...sizes];
  const stillOpen = [...open];
  const close: number[] = [];
  const shut = (other: number) => {
    next[index] += next[other];
    next[other] = 0;
    stillOpen[other] = false;
    close.push(other);
  };
  next.forEach((size, other) => {
    if (other !== index && stillOpen[other] && size < floor / 2) {
      shut(other);
    }
  });
  const byDistance = next
    .map((_, i) => i)
    .filter(i => i !== index)
    .sort((a, b) => Math.abs(b - index) - Math.abs(a - index));
  for (const other of [...byDistance, -1]) {
    const room = roomFor(next, stillOpen, index, want, floor);
    if (room) {
      next.splice(0, next.length, ...room);
    }
    if (next[index] >= want - 1 || other === -1) {
      break;
    }
    if (stillOpen[other]) {
      shut(other);
    }
  }
  return { sizes: next, close };
}

/**
 * Open the section at `index` because the user asked to see it (a command, a menu): it
 * may take up to three quarters of the space; slivers of other sections close, and when
 * the open sections cannot give it room, the ones furthest from it close too, as a user
 * would close them to see it. Their headers stay, one click away.
 */
export function openWithRoom(accordion: AccordionPanel, index: number): void {
  if (accordion.widgets[index]?.isHidden) {
    accordion.expand(index);
  }
  const { space, sizes, want } = measure(accordion, index, 0.75);
  if (space <= 0) {
    return;
  }
  const open = accordion.widgets.map(w => !w.isHidden);
  const plan = planOpen(sizes, open, index, want);
  for (const other of plan.close) {
    accordion.collapse(other);
  }
  // The plan's heights, not those the accordion worked out for each close on its own.
  accordion.setRelativeSizes(plan.sizes.map(size => size / space));
}
