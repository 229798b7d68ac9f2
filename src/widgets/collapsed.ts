import { AccordionPanel, Widget } from '@lumino/widgets';

/**
 * Fold a section the panel just added: sections beyond the folder's workflow (files, build,
 * share) start folded so that the workflow keeps its room; a click or `showSection` opens them.
 */
export function foldSection(section: Widget): void {
  const panel = section.parent;
  if (panel instanceof AccordionPanel) {
    panel.collapse(panel.widgets.indexOf(section));
  }
}
