import { badgeSnippets } from '../../links/badges';

const LINK =
  'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main';
const IMAGE = 'https://mybinder.org/badge_logo.svg';
// Badge texts as a user would type them (the rule for UI strings does not apply).
const LAUNCH = 'Launch';
const BETA = 'Launch [beta]';
const QUOTED = 'Launch "it" <now>';
const TWO_LINES = 'Launch\nnow';

describe('badgeSnippets', () => {
  it('writes the link as Markdown, HTML and reStructuredText badges', () => {
    expect(badgeSnippets(LINK, { imageUrl: IMAGE, alt: LAUNCH })).toEqual({
      markdown: `[![Launch](${IMAGE})](${LINK})`,
      html: `<a href="https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&amp;branch=main"><img src="${IMAGE}" alt="Launch"></a>`,
      rst: [
        `.. image:: ${IMAGE}`,
        `   :target: ${LINK}`,
        '   :alt: Launch'
      ].join('\n')
    });
  });

  it('keeps parentheses and brackets from ending the Markdown link', () => {
    const { markdown } = badgeSnippets('https://example.org/a_(b)', {
      imageUrl: 'https://example.org/badge (1).svg',
      alt: BETA
    });
    expect(markdown).toBe(
      '[![Launch \\[beta\\]](https://example.org/badge%20%281%29.svg)](https://example.org/a_%28b%29)'
    );
  });

  it('escapes quotes and angle brackets in HTML', () => {
    const { html } = badgeSnippets('https://example.org/?a="b"&c=<d>', {
      imageUrl: IMAGE,
      alt: QUOTED
    });
    expect(html).toBe(
      `<a href="https://example.org/?a=&quot;b&quot;&amp;c=&lt;d&gt;"><img src="${IMAGE}" alt="Launch &quot;it&quot; &lt;now&gt;"></a>`
    );
  });

  it('keeps reStructuredText from reading a URL ending in _ as a reference', () => {
    const { rst } = badgeSnippets('https://example.org/notes_', {
      imageUrl: IMAGE,
      alt: TWO_LINES
    });
    expect(rst).toBe(
      [
        `.. image:: ${IMAGE}`,
        '   :target: https://example.org/notes%5F',
        '   :alt: Launch now'
      ].join('\n')
    );
  });
});
