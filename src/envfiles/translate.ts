import { Translate } from './types';

/**
 * Fill `%1`, `%2`, ... placeholders without translating, like JupyterLab's
 * null translator, so callers without a translator still get full messages.
 */
export const formatMessage: Translate = (msg: string, ...args: any[]) =>
  msg.replace(/%(\d+)/g, (whole, n: string) => {
    const index = Number(n) - 1;
    return index < args.length ? String(args[index]) : whole;
  });
