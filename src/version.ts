// The frontend's own version, compared with the server extension's in the handshake.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require('../package.json') as { version: string };

export const FRONTEND_VERSION: string = packageJson.version;
