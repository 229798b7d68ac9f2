/**
 * A launch link as a badge to paste into a README, a web page or Sphinx docs.
 */

/**
 * The badge for links that open on a JupyterHub.
 */
export const JUPYTERHUB_BADGE_IMAGE =
  'https://img.shields.io/badge/launch-JupyterHub-orange?logo=jupyter';

/**
 * How the badge looks.
 */
export interface IBadge {
  /** The badge image's address. */
  imageUrl: string;
  /** The text shown when the image is not. */
  alt: string;
}

/**
 * The link as Markdown, HTML and reStructuredText badges.
 */
export interface IBadgeSnippets {
  markdown: string;
  html: string;
  rst: string;
}

/**
 * The badge snippets for a link.
 */
export function badgeSnippets(url: string, badge: IBadge): IBadgeSnippets {
  const alt = badge.alt.replace(/\s+/g, ' ').trim();
  return {
    markdown: `[![${escapeMarkdownText(alt)}](${markdownUrl(badge.imageUrl)})](${markdownUrl(url)})`,
    html: `<a href="${escapeHtml(url)}"><img src="${escapeHtml(badge.imageUrl)}" alt="${escapeHtml(alt)}"></a>`,
    rst: [
      `.. image:: ${rstUrl(badge.imageUrl)}`,
      `   :target: ${rstUrl(url)}`,
      `   :alt: ${alt}`
    ].join('\n')
  };
}

function percentEncode(character: string): string {
  const encoded = encodeURIComponent(character);
  // encodeURIComponent leaves "(" and ")" as they are.
  return encoded === character
    ? `%${character.charCodeAt(0).toString(16).toUpperCase()}`
    : encoded;
}

function escapeMarkdownText(text: string): string {
  return text.replace(/[\\[\]]/g, character => `\\${character}`);
}

// An unbalanced parenthesis or a space would end a Markdown link destination.
function markdownUrl(url: string): string {
  return url.replace(/[()<>\s]/g, percentEncode);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// reStructuredText reads a target ending in "_" as a reference name, and
// whitespace would split the URI.
function rstUrl(url: string): string {
  return url.replace(/\s/g, percentEncode).replace(/_$/, '%5F');
}
