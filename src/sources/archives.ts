/**
 * Archived records: a DOI (bare, `doi:` or a resolver address) or the address
 * of a record, as BinderHub's `zenodo`, `figshare`, `dataverse`, `hydroshare`
 * and `ckan` providers take them. These build one version of a record, so
 * they take no ref, and their spec ends in "/" as BinderHub's form writes it.
 */
import { decode, parseUrl, SourceProblems } from './problems';
import { ISource, ProviderId } from './types';

// BinderHub's `validateRegex` for its DOI providers, anchored.
const DOI = /^10\.\d+\/\S+$/;
const DOI_RESOLVERS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);
// The registrant prefixes of the archives whose DOIs always name their records.
const REGISTRANTS: Record<string, ProviderId> = {
  '10.5281': 'zenodo',
  '10.6084': 'figshare',
  // Harvard Dataverse; other Dataverse installations have their own prefixes.
  '10.7910': 'dataverse'
};
const HYDROSHARE_ID = /[0-9a-f]{32}/;

export type DoiProvider = 'zenodo' | 'figshare' | 'dataverse';

/**
 * Whether the text names an archived record rather than a git repository.
 */
export function looksArchived(text: string): boolean {
  if (/^(doi:|10\.)/i.test(text)) {
    return true;
  }
  const url = parseUrl(text);
  if (!url) {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    DOI_RESOLVERS.has(host) ||
    host === 'zenodo.org' ||
    host.endsWith('hydroshare.org') ||
    url.searchParams.get('persistentId')?.startsWith('doi:') === true ||
    /\/dataset\/[^/]+/.test(url.pathname)
  );
}

/**
 * Read a DOI or a record's address; `provider` picks the archive of a DOI
 * whose registrant is not one of the known ones.
 */
export function readArchive(
  text: string,
  ref: string | undefined,
  provider: DoiProvider | undefined,
  problems: SourceProblems
): ISource | undefined {
  if (ref?.trim()) {
    return problems.add('ref', 'refNotSupported');
  }
  // "doi:10.…" parses as an address with the scheme "doi".
  const url = /^https?:/i.test(text) ? parseUrl(text) : undefined;
  const host = url?.hostname.toLowerCase() ?? '';
  if (url && host.endsWith('hydroshare.org')) {
    return readHydroshare(url.pathname, problems);
  }
  if (
    url &&
    /\/dataset\/[^/]+/.test(url.pathname) &&
    !DOI_RESOLVERS.has(host)
  ) {
    const persistent = url.searchParams.get('persistentId');
    if (!persistent) {
      return ckan(url);
    }
  }
  const doi = doiOf(text, url);
  if (!doi) {
    return problems.add('source', 'invalidDoi', text);
  }
  const chosen =
    provider ?? REGISTRANTS[doi.split('/')[0]] ?? dataverseHost(url);
  if (!chosen) {
    return problems.add('source', 'doiRegistrantUnknown', doi);
  }
  return archived(chosen, doi, doi);
}

/**
 * A DOI link's provider and spec, as written after `/v2/{provider}/`.
 */
export function readArchiveSpec(
  provider: ProviderId,
  rawSpec: string,
  problems: SourceProblems
): ISource | undefined {
  const spec = decode(rawSpec.replace(/\/+$/, ''));
  if (spec === undefined) {
    return problems.add('source', 'badEscape');
  }
  if (provider === 'hydroshare') {
    return readHydroshare(spec, problems);
  }
  if (provider === 'ckan') {
    const url = parseUrl(spec);
    if (
      !url ||
      !/^https?:$/.test(url.protocol) ||
      !url.pathname.includes('/dataset/')
    ) {
      return problems.add('source', 'incompleteSpec', spec);
    }
    return ckan(url);
  }
  const doi = doiOf(spec, parseUrl(spec));
  if (!doi) {
    return problems.add('source', 'invalidDoi', spec);
  }
  return archived(provider, doi, doi);
}

function doiOf(text: string, url: URL | undefined): string | undefined {
  let candidate = text.replace(/^doi:/i, '');
  if (url) {
    const host = url.hostname.toLowerCase();
    const persistent = url.searchParams.get('persistentId');
    const record = /^\/records?\/(\d+)\/?$/.exec(url.pathname);
    if (DOI_RESOLVERS.has(host)) {
      candidate = decode(url.pathname.slice(1)) ?? '';
    } else if (persistent?.startsWith('doi:')) {
      candidate = persistent.slice(4);
    } else if (host === 'zenodo.org' && record) {
      // Zenodo registers every record as 10.5281/zenodo.<record id>.
      candidate = `10.5281/zenodo.${record[1]}`;
    } else if (host === 'zenodo.org' && url.pathname.startsWith('/doi/')) {
      candidate = decode(url.pathname.slice('/doi/'.length)) ?? '';
    } else {
      return undefined;
    }
  }
  return DOI.test(candidate) ? candidate : undefined;
}

/**
 * A Dataverse page (`dataset.xhtml?persistentId=doi:…`) names its archive.
 */
function dataverseHost(url: URL | undefined): DoiProvider | undefined {
  return url?.searchParams.get('persistentId') ? 'dataverse' : undefined;
}

function readHydroshare(
  text: string,
  problems: SourceProblems
): ISource | undefined {
  const id = HYDROSHARE_ID.exec(text)?.[0];
  if (!id) {
    return problems.add('source', 'invalidHydroshareId', text);
  }
  return archived('hydroshare', id, id);
}

function ckan(url: URL): ISource {
  const address = url.href;
  return archived('ckan', address, encodeURIComponent(address));
}

function archived(
  provider: ProviderId,
  repository: string,
  spec: string
): ISource {
  return { provider, repository, spec: `${provider}/${spec}/`, urlpath: '' };
}
